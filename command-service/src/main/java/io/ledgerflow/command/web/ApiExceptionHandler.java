package io.ledgerflow.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.ProblemExceptionHandler;
import io.ledgerflow.servicekit.web.Problems;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.util.List;
import java.util.stream.Collectors;

/** Request bodies that cannot become commands, on top of what every service answers ({@link ProblemExceptionHandler}). */
@RestControllerAdvice
public class ApiExceptionHandler extends ProblemExceptionHandler {

    private static final String INVALID_AMOUNT = "INVALID_AMOUNT";
    private static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    @ExceptionHandler(CommandsBusy.class)
    ResponseEntity<ProblemDetail> busy(CommandsBusy busy) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, "Service Unavailable",
                "the ledger could not finish the command in time (concurrent work on the same accounts, or a slow"
                        + " database): retry the request (nothing was applied)");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /** A command, or an audit read, that found the database out of reach (see {@link DatabaseUnavailable}). */
    @ExceptionHandler({DatabaseUnavailable.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, TransactionSystemException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException unavailable) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, "Service Unavailable",
                "the ledger's database could not be reached: retry the request as it was (the same id, the same"
                        + " Idempotency-Key); a command that was applied as the connection failed is not applied twice");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
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
        ResponseEntity<Object> tooLarge = bodyTooLarge(ex);
        if (tooLarge != null) {
            return tooLarge;
        }
        String field = ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? fieldPath(mapping.getPath())
                : "body";
        // an "amount" where the request has none (a void, an account action) is an unknown field, not a bad amount
        boolean unknownField = ex.getCause() instanceof UnrecognizedPropertyException;
        return ResponseEntity.badRequest().body(validation(List.of(new FieldViolation(field, readableReason(ex))),
                !unknownField));
    }

    private static ProblemDetail validation(List<FieldViolation> errors) {
        return validation(errors, true);
    }

    /** A request whose only fault is its amount gets the more precise INVALID_AMOUNT. */
    private static ProblemDetail validation(List<FieldViolation> errors, boolean mayBeAmount) {
        String detail = "the request is not valid: "
                + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.validation(errors, detail);
        if (mayBeAmount && errors.stream().allMatch(e -> e.field().equals("amount"))) {
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

    /** As bean validation names fields: {@code transfers[3].amount}. */
    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.length() > 0 ? "." : "").append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
