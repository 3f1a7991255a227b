package io.ledgerflow.query.web;

import io.ledgerflow.servicekit.web.FieldViolation;

import java.util.List;

/** Malformed or invalid request parameters: 400 {@code VALIDATION_FAILED} listing every violation. */
public class RequestValidationException extends RuntimeException {

    private final List<FieldViolation> violations;

    public RequestValidationException(List<FieldViolation> violations) {
        super(violations.size() == 1 ? violations.get(0).message() : violations.size() + " invalid parameters");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
