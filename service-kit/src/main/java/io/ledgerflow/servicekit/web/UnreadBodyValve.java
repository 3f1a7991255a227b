package io.ledgerflow.servicekit.web;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpHeaders;

import java.io.IOException;

/**
 * Once a request is answered, the part of its body that nobody read is not waited for: the connection is closed
 * after the answer instead. Tomcat otherwise reads on for it at the end of the request, on the request's thread,
 * even with a swallow size of 0 (one read, which blocks until a byte comes or the read timeout ends it): a 408 for a
 * body that stopped coming held its thread and its connection another 10 s, and a client that went quiet after a
 * refusal held them as long (a probe's finding). What a quick client sends is drained before this, by {@code
 * SlowClientsFilter}, so that it reads its answer rather than a reset.
 * <p>
 * An engine valve, outermost: telling Tomcat not to wait marks the exchange as failed, and makes a status below 400
 * a 500. So the answer is complete by then (the host's error pages included) and is sent first, whole.
 */
public class UnreadBodyValve extends ValveBase {

    public UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (!request.isAsync() && hasBody(request) && !request.getCoyoteRequest().isFinished()) {
                try {
                    response.finishResponse();
                } catch (IOException clientGone) {
                    // nothing more can reach it; the connection is closed all the same
                }
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }

    private static boolean hasBody(Request request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
