package io.ledgerflow.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.stream.Collectors;

/** Every error leaves as application/problem+json with a stable {@code code}; bad input is never a 500. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String INVALID_AMOUNT = "INVALID_AMOUNT";

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        ProblemDetail body = Problems.of(problem.status(), problem.code(), problem.status().getReasonPhrase(),
                problem.getMessage());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR", "Internal error", "the request could not be completed"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldViolation(e.getField(), e.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream().map(ApiExceptionHandler::pathElement).collect(Collectors.joining("."))
                : "body";
        return ResponseEntity.badRequest().body(validation(List.of(new FieldViolation(field, readableReason(ex)))));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, Problems.of(status, "NOT_FOUND", "Not found",
                "no resource at /" + ex.getResourcePath()), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        return super.handleExceptionInternal(ex, Problems.withCode(problem, Problems.codeForStatus(status)),
                headers, status, request);
    }

    /** A request whose only fault is its amount gets the more precise INVALID_AMOUNT. */
    private static ProblemDetail validation(List<FieldViolation> errors) {
        String detail = "the request is not valid: "
                + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.validation(errors, detail);
        if (errors.stream().allMatch(e -> e.field().equals("amount"))) {
            problem.setProperty("code", INVALID_AMOUNT);
            problem.setType(Problems.typeOf(INVALID_AMOUNT));
        }
        return problem;
    }

    private static String readableReason(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JsonMappingException mapping && mapping.getOriginalMessage() != null) {
            String message = mapping.getOriginalMessage();
            int newline = message.indexOf('\n');
            String line = newline < 0 ? message : message.substring(0, newline);
            return line.length() > 200 ? line.substring(0, 200) : line;
        }
        return "is not readable JSON";
    }

    private static String pathElement(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? reference.getFieldName() : String.valueOf(reference.getIndex());
    }
}
