package io.ledgerflow.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
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

import java.util.List;
import java.util.stream.Collectors;

/** Every error leaves as application/problem+json with a stable {@code code}; bad input is never a 500. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        ProblemDetail body = Problems.of(problem.status(), problem.code(), problem.getMessage());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the request could not be completed"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new Problems.FieldError(e.getField(), e.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(Problems.validation(codeFor(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream().map(JsonPathText::of).collect(Collectors.joining("."))
                : "body";
        List<Problems.FieldError> errors = List.of(new Problems.FieldError(field, readableReason(ex)));
        return ResponseEntity.badRequest().body(Problems.validation(codeFor(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            problem.setProperty("code", Problems.codeForStatus(status));
        }
        return super.handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** A request whose only fault is its amount gets the more precise INVALID_AMOUNT. */
    private static String codeFor(List<Problems.FieldError> errors) {
        return errors.stream().allMatch(e -> e.field().equals("amount")) ? "INVALID_AMOUNT" : Problems.VALIDATION_FAILED;
    }

    private static String readableReason(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JsonMappingException mapping) {
            String message = mapping.getOriginalMessage();
            return message == null ? "has the wrong type" : firstLine(message);
        }
        return "is not readable JSON";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static final class JsonPathText {
        static String of(JsonMappingException.Reference reference) {
            return reference.getFieldName() != null ? reference.getFieldName() : String.valueOf(reference.getIndex());
        }
    }
}
