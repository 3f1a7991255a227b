package io.ledgerflow.command.audit;

import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import org.springframework.http.HttpStatus;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the audit API's raw query and path parameters, collecting every invalid one so that a 400 lists them all.
 * Blank means absent, as on the query side. Parameters arrive as strings, so nothing malformed becomes a 500.
 */
public final class AuditParameters {

    /** ASCII digits only ({@code Long.parseLong} also takes a sign and other scripts' digits); below 10^18. */
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final long LARGEST_NUMBER = 999_999_999_999_999_999L;
    private static final Pattern SETTLEMENT =
            Pattern.compile("@world:[A-Z]{3}(:[0-" + (SettlementAccounts.SHARDS - 1) + "])?");
    // what an ISO-8601 parser admits goes far beyond what anyone means by an instant of the ledger's history
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final List<FieldViolation> violations = new ArrayList<>();

    /** A position: absent is 0. */
    public long position(String field, String value) {
        if (isBlank(value)) {
            return 0;
        }
        if (NUMBER.matcher(value).matches()) {
            return Long.parseLong(value);
        }
        violations.add(new FieldViolation(field, "must be a position: an integer from 0 to " + LARGEST_NUMBER));
        return 0;
    }

    /** A count from 1 to {@code max}; {@code absent} when not given. */
    public long count(String field, String value, long absent, long max) {
        if (isBlank(value)) {
            return absent;
        }
        if (NUMBER.matcher(value).matches()) {
            long count = Long.parseLong(value);
            if (count >= 1 && count <= max) {
                return count;
            }
        }
        // at most 18 digits are read, so no larger max is ever reached: the message names the bound that holds
        violations.add(new FieldViolation(field, "must be an integer from 1 to " + Math.min(max, LARGEST_NUMBER)));
        return absent;
    }

    /** An ISO-8601 instant with its offset (e.g. {@code 2026-11-29T10:00:00Z}); {@code absent} when not given. */
    public Instant instant(String field, String value, Instant absent) {
        if (isBlank(value)) {
            return absent;
        }
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeException e) {
            // reported below, like an instant out of range
        }
        violations.add(new FieldViolation(field, "must be an ISO-8601 instant from year 0 to 9999, "
                + "e.g. 2026-11-29T10:00:00Z"));
        return absent;
    }

    /** An account or transfer id as clients choose them ({@link LedgerIds}). */
    public String ledgerId(String field, String value) {
        if (value == null || !value.matches(LedgerIds.PATTERN)) {
            violations.add(new FieldViolation(field, LedgerIds.MESSAGE));
        }
        return value;
    }

    /**
     * An account id in an audit path: an id as clients choose them, or a settlement account ({@code @world:<CUR>},
     * the whole account) or one of its shards ({@code @world:<CUR>:k}, k from 0 to 7), as the query side names
     * them.
     */
    public String accountId(String field, String value) {
        if (value == null || !(value.matches(LedgerIds.PATTERN) || SETTLEMENT.matcher(value).matches())) {
            violations.add(new FieldViolation(field, LedgerIds.MESSAGE + ", or be @world:<CUR> or @world:<CUR>:<0-"
                    + (SettlementAccounts.SHARDS - 1) + ">"));
        }
        return value;
    }

    /** A violation the caller found itself, e.g. between two parameters. */
    public void violation(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** Answers 400 VALIDATION_FAILED listing every invalid parameter, if there is one. */
    public void requireValid() {
        if (!violations.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "the request is not valid: "
                    + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")),
                    Map.of("errors", List.copyOf(violations)));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
