package io.ledgerflow.query.web;

import io.ledgerflow.servicekit.web.FieldViolation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/** Query parameters every list reads the same way; each invalid one is added to {@code violations}. */
public final class QueryParameters {

    /** ASCII digits only: {@code Integer.parseInt} would also take other scripts' digits and a sign. */
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,9}");
    // ISO-8601 admits years up to ±999,999,999, far beyond what a BSON date (epoch milliseconds) can hold
    /** The first instant a parameter accepts (and a response names): the start of year 0. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryParameters() {
    }

    /** An ISO-8601 instant with an offset, null when absent. */
    public static Instant instant(String field, String value, List<FieldViolation> violations) {
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

    /** {@code from} must not be after {@code to}. */
    public static void range(Instant from, Instant to, List<FieldViolation> violations) {
        if (from != null && to != null && from.isAfter(to)) {
            violations.add(new FieldViolation("from", "must not be after 'to'"));
        }
    }

    public static int limit(String value, int defaultLimit, int maxLimit, List<FieldViolation> violations) {
        if (isBlank(value)) {
            return defaultLimit;
        }
        String digits = value.trim();
        if (LIMIT.matcher(digits).matches()) {
            int limit = Integer.parseInt(digits);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        }
        violations.add(new FieldViolation("limit", "must be an integer from 1 to " + maxLimit));
        return defaultLimit;
    }

    /** An ISO 4217 code, upper case, that {@code java.util.Currency} knows. */
    public static boolean isIsoCurrency(String code) {
        if (!CURRENCY.matcher(code).matches()) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
