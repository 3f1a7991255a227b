package io.ledgerflow.command.audit.chain;

import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Whole-number query parameters of the chain endpoints, every invalid one listed in one 400 VALIDATION_FAILED. */
public final class QueryParameters {

    private final List<FieldViolation> violations = new ArrayList<>();

    /** The parameter's value, {@code absent} when it is not given, or null (and a violation) when it is invalid. */
    public Long number(String name, String value, long min, long max, Long absent) {
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new FieldViolation(name, "must be a whole number from " + min + " to " + max));
        return null;
    }

    public void violation(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** Throws the 400 when any parameter was invalid. */
    public void check() {
        if (!violations.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "the request is not valid: "
                    + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")),
                    Map.of("errors", List.copyOf(violations)));
        }
    }
}
