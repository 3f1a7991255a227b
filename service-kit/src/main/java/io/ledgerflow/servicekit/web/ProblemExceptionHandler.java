package io.ledgerflow.servicekit.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * The part of a service's exception handling every service shares: each error as {@code application/problem+json}
 * with a stable {@code code}; Spring's own exceptions (unknown path, wrong method, unconvertible parameter) keep
 * their status and get a code; anything unexpected is a logged 500 that says nothing about the inside. A service
 * extends it with a {@code @RestControllerAdvice} for its own exceptions.
 */
public abstract class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = Problems.of(problem.status(), problem.code(),
                problem.getMessage());
        problem.properties().forEach(body::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
        problem.headers().forEach((name, value) -> response.header(name, value));
        return response.body(body);
    }

    /**
     * The firewall checks a header's value when something first reads it: {@code If-Match}, {@code If-None-Match} or
     * {@code X-Consistency-Token} by a handler, any header by an actuator endpoint. A value it refuses (a C1 control
     * byte, 0x80-0x9F) is bad input as a refused URL is, not an unexpected failure.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejectedHeader(RequestRejectedException e) {
        String header = RejectedHeaders.named(e.getMessage());
        String message = "contains characters this API does not accept";
        return ResponseEntity.badRequest().body(Problems.validation(
                List.of(new FieldViolation(header, message)), header + " " + message));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR", "An unexpected error occurred"));
    }

    /** Spring reports an unmapped path as a missing static resource; clients only need to know it is unknown. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        if (RefusedBeforeTheHandler.isSuch(ex)) {
            RefusedBeforeTheHandler.mark(request);
        }
        ProblemDetail problem = Problems.of(status, "NOT_FOUND", "No resource at /" + ex.getResourcePath());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** A chunked body that passed the size limit while it was parsed is 413, not unreadable JSON. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> tooLarge = bodyTooLarge(ex);
        if (tooLarge != null) {
            return tooLarge;
        }
        // as the command side's own answer says it: the field a client branches on is named
        return handleExceptionInternal(ex, Problems.validation(List.of(new FieldViolation("body",
                "is not readable JSON")), "the body is not readable JSON"), headers, status, request);
    }

    /** 413 {@code PAYLOAD_TOO_LARGE} when reading the body failed on its size ({@link RequestSizeLimitFilter}), else null. */
    protected static ResponseEntity<Object> bodyTooLarge(Exception ex) {
        if (!RequestSizeLimitFilter.isBodyTooLarge(ex)) {
            return null;
        }
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE", "the request body is larger than this API accepts"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (RefusedBeforeTheHandler.isSuch(ex)) {
            RefusedBeforeTheHandler.mark(request);
        }
        ProblemDetail problem = body instanceof ProblemDetail detail
                ? detail : ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        Problems.withCode(problem, Problems.codeForStatus(status));
        if (status.value() == 400 && (problem.getProperties() == null
                || !problem.getProperties().containsKey("errors"))) {
            problem.setProperty("errors", violationsOf(ex));
        }
        return super.handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static List<FieldViolation> violationsOf(Exception ex) {
        if (ex instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            return List.of(new FieldViolation(mismatch.getPropertyName(), "has an invalid value"));
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return List.of(new FieldViolation(missing.getParameterName(), "is required"));
        }
        return List.of();
    }
}
