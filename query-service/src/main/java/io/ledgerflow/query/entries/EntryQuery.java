package io.ledgerflow.query.entries;

import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated statement request: {@code from} inclusive, {@code to} exclusive, on the entry time;
 * {@code afterPosition} from the cursor, null on the first page.
 */
public record EntryQuery(Instant from, Instant to, int limit, SortOrder order, Long afterPosition) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** ASCII digits only: {@code Integer.parseInt} would also take other scripts' digits and a sign. */
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,9}");
    // ISO-8601 admits years up to ±999,999,999, far beyond what a BSON date (epoch milliseconds) can hold
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

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
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below, like an instant out of range
        }
        violations.add(new FieldViolation(field, "must be an ISO-8601 instant from year 0 to 9999, "
                + "e.g. 2026-11-29T10:00:00Z"));
        return null;
    }

    private static int limit(String value, List<FieldViolation> violations) {
        if (isBlank(value)) {
            return DEFAULT_LIMIT;
        }
        String digits = value.trim();
        if (LIMIT.matcher(digits).matches()) {
            int limit = Integer.parseInt(digits);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        violations.add(new FieldViolation("limit", "must be an integer from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
