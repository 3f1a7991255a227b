package io.ledgerflow.query.entries;

import io.ledgerflow.query.web.FieldViolation;
import io.ledgerflow.query.web.RequestValidationException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A validated statement request: {@code from} inclusive, {@code to} exclusive, on the entry time;
 * {@code afterPosition} from the cursor, null on the first page.
 */
public record EntryQuery(Instant from, Instant to, int limit, SortOrder order, Long afterPosition) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Reads the raw query parameters, reporting every invalid one at once. Blank means absent. */
    public static EntryQuery parse(String from, String to, String limit, String cursor, String order) {
        List<FieldViolation> violations = new ArrayList<>();
        Instant fromInstant = instant("from", from, violations);
        Instant toInstant = instant("to", to, violations);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            violations.add(new FieldViolation("from", "must not be after 'to'"));
        }
        int pageSize = limit(limit, violations);
        SortOrder sortOrder = SortOrder.DESC;
        if (!isBlank(order)) {
            sortOrder = SortOrder.parse(order).orElse(null);
            if (sortOrder == null) {
                violations.add(new FieldViolation("order", "must be 'asc' or 'desc'"));
            }
        }
        Long afterPosition = null;
        if (!isBlank(cursor)) {
            Optional<EntryCursor> decoded = EntryCursor.decode(cursor);
            if (decoded.isEmpty()) {
                violations.add(new FieldViolation("cursor", "is not a cursor returned by this API"));
            } else if (!isBlank(order) && sortOrder != null && decoded.get().order() != sortOrder) {
                violations.add(new FieldViolation("cursor", "was issued for order '" + decoded.get().order().wireName()
                        + "'"));
            } else {
                sortOrder = decoded.get().order();
                afterPosition = decoded.get().afterPosition();
            }
        }
        if (!violations.isEmpty()) {
            throw new RequestValidationException(violations);
        }
        return new EntryQuery(fromInstant, toInstant, pageSize, sortOrder, afterPosition);
    }

    private static Instant instant(String field, String value, List<FieldViolation> violations) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "must be an ISO-8601 instant, e.g. 2026-11-29T10:00:00Z"));
            return null;
        }
    }

    private static int limit(String value, List<FieldViolation> violations) {
        if (isBlank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        violations.add(new FieldViolation("limit", "must be an integer from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
