package io.ledgerflow.command.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Request bodies that cannot become commands, on top of what every service answers ({@link ProblemExceptionHandler}). */
@RestControllerAdvice
public class ApiExceptionHandler extends ProblemExceptionHandler {

    private static final String INVALID_AMOUNT = "INVALID_AMOUNT";
    private static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private final BodyFieldErrors fieldErrors;

    public ApiExceptionHandler(ObjectMapper json, Validator validator) {
        this.fieldErrors = new BodyFieldErrors(json, new SpringValidatorAdapter(validator));
    }

    @ExceptionHandler(CommandsBusy.class)
    ResponseEntity<ProblemDetail> busy(CommandsBusy busy) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE,
                "the ledger could not finish the command in time (concurrent work on the same accounts, or a slow"
                        + " database): retry the request (nothing was applied)");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /** A command, or an audit read, that found the database out of reach (see {@link DatabaseUnavailable}). */
    @ExceptionHandler({DatabaseUnavailable.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, TransactionSystemException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException unavailable) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE,
                "the ledger's database could not be reached: retry the request as it was (the same id, the same"
                        + " Idempotency-Key); a command that was applied as the connection failed is not applied twice");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>(ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldViolation(e.getField(), e.getDefaultMessage()))
                .toList());
        if (ex.getBindingResult().getTarget() instanceof CrossFieldChecked checked) {
            errors.addAll(checked.crossFieldViolations());
        }
        return ResponseEntity.badRequest().body(validation(errors));
    }

    /**
     * Jackson stops at the first field it cannot bind: the body is read again to name every invalid field
     * ({@link BodyFieldErrors}), so that INVALID_AMOUNT means the amount alone is wrong.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> tooLarge = bodyTooLarge(ex);
        if (tooLarge != null) {
            return tooLarge;
        }
        Optional<String> overlong = overlongNumber(ex);
        if (overlong.isPresent()) {
            return ResponseEntity.badRequest().body(validation(List.of(new FieldViolation(overlong.get(),
                    BodyFieldErrors.OUT_OF_RANGE))));
        }
        if (!(ex.getCause() instanceof JsonMappingException mapping) || notJson(ex)
                || BufferedBody.current().filter(body -> !WellFormedJson.isWellFormed(body.bytes())).isPresent()) {
            return ResponseEntity.badRequest().body(validation(List.of(new FieldViolation("body",
                    "is not readable JSON")), false));
        }
        if (mapping.getPath().isEmpty()) {
            return ResponseEntity.badRequest().body(validation(List.of(new FieldViolation("body",
                    BodyFieldErrors.reason(mapping))), false));
        }
        Map<String, BodyFieldErrors.Found> found = new LinkedHashMap<>();
        String first = BodyFieldErrors.fieldPath(mapping.getPath());
        found.put(first, new BodyFieldErrors.Found(new FieldViolation(first, BodyFieldErrors.reason(mapping)),
                mapping instanceof UnrecognizedPropertyException));
        BufferedBody.current().map(fieldErrors::of).orElse(List.of())
                .forEach(error -> found.putIfAbsent(error.violation().field(), error));
        // an "amount" where the request has none (a void, an account action) is an unknown field, not a bad amount
        boolean unknownField = found.values().stream().anyMatch(BodyFieldErrors.Found::unknownField);
        return ResponseEntity.badRequest().body(validation(found.values().stream()
                .map(BodyFieldErrors.Found::violation).toList(), !unknownField));
    }

    /**
     * The body is not JSON at all, wherever the parser stopped: inside a string Jackson reported it against that
     * field, with its own parser message ("Unexpected end-of-input in VALUE_STRING"; a probe's finding). Where the
     * binding failed before the parser reached the fault (an amount of "abc" in a body cut short after it), the
     * whole body is read once more ({@link WellFormedJson}).
     */
    private static boolean notJson(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }

    /** A number with more digits than Jackson reads, which it reports without the field (or an item's field). */
    private static Optional<String> overlongNumber(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException) {
                return BufferedBody.current().flatMap(body -> OverlongNumbers.firstIn(body.bytes()));
            }
        }
        return Optional.empty();
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
            problem.setTitle(Problems.titleOf(INVALID_AMOUNT));
        }
        return problem;
    }
}
