package io.ledgerflow.query.deadletter;

import io.ledgerflow.query.web.QueryParameters;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.util.ArrayList;
import java.util.List;

/** A page request of the dead-letter list, validated. */
public record DeadLetterListQuery(int limit, DeadLetterCursor cursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    public static DeadLetterListQuery parse(String limit, String cursor) {
        List<FieldViolation> violations = new ArrayList<>();
        int parsedLimit = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, violations);
        DeadLetterCursor from = DeadLetterCursor.START;
        if (!QueryParameters.isBlank(cursor)) {
            from = DeadLetterCursor.decode(cursor).orElse(null);
            if (from == null) {
                violations.add(new FieldViolation("cursor", "must be the nextCursor of a previous page"));
            }
        }
        if (!violations.isEmpty()) {
            throw new RequestValidationException(violations);
        }
        return new DeadLetterListQuery(parsedLimit, from);
    }
}
