package io.ledgerflow.servicekit.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatusCode;

import java.io.IOException;
import java.io.Writer;

/**
 * Tomcat answers some requests itself before any application code runs (a NUL or backslash in the URL, a
 * malformed request line): this makes those answers problem+json too, instead of Tomcat's HTML page, with a
 * correlation id as every other answer has.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        String problemCode = Problems.codeForStatus(code);
        String detail = status == 400 ? "the request is malformed" : "the request could not be served";
        try {
            if (response.getHeader(CorrelationIdFilter.HEADER) == null) {
                // answered before the filter that sets it ran
                response.setHeader(CorrelationIdFilter.HEADER,
                        CorrelationIdFilter.correlationIdFor(request.getHeader(CorrelationIdFilter.HEADER)));
            }
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + Problems.typeOf(problemCode) + "\",\"title\":\""
                        + Problems.titleOf(problemCode)
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + problemCode + "\""
                        + (status == 400 ? ",\"errors\":[]" : "") + "}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response is already on its way: nothing more to say
        }
    }
}
