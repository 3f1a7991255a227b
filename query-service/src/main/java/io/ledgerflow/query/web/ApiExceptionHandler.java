package io.ledgerflow.query.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * Every error as {@code application/problem+json} with a stable {@code code}. Spring's own exceptions (unknown
 * path, wrong method, unconvertible parameter) keep their status and get a code; bad input never becomes a 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ResourceNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ResourceNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, e.code(), e.title(), e.getMessage()));
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = Problems.of(problem.status(), problem.code(), problem.status().getReasonPhrase(),
                problem.getMessage());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(RequestValidationException.class)
    ResponseEntity<ProblemDetail> invalid(RequestValidationException e) {
        return ResponseEntity.badRequest().body(Problems.validation(e.violations(), e.getMessage()));
    }

    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e) {
        log.warn("Projection store unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE", "Service unavailable", "The projection store is unavailable; try again"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR", "Internal error", "An unexpected error occurred"));
    }

    /** Spring reports an unmapped path as a missing static resource; clients only need to know it is unknown. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(status, "NOT_FOUND", "Not found",
                "No resource at /" + ex.getResourcePath());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
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
