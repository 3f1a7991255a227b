package io.ledgerflow.query.transfer;

import io.ledgerflow.query.web.QueryParameters;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.ledgerflow.query.web.QueryParameters.instant;
import static io.ledgerflow.query.web.QueryParameters.isBlank;
import static io.ledgerflow.query.web.QueryParameters.range;

/**
 * A validated transfer list request, newest first: {@code from} inclusive and {@code to} exclusive on the transfer's
 * creation time; {@code after} from the cursor, null on the first page.
 */
public record TransferListQuery(String accountId, String status, Instant from, Instant to, int limit,
                                TransferCursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final Set<String> STATUSES = Set.of("PENDING", "POSTED", "REJECTED", "VOIDED", "EXPIRED");
    private static final Pattern ACCOUNT_ID = Pattern.compile("^@?[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");

    public static TransferListQuery parse(String accountId, String status, String from, String to, String limit,
                                          String cursor) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!isBlank(accountId) && !ACCOUNT_ID.matcher(accountId).matches()) {
            violations.add(new FieldViolation("accountId", "is not an account id"));
        }
        if (!isBlank(status) && !STATUSES.contains(status)) {
            violations.add(new FieldViolation("status", "must be one of " + String.join(", ",
                    STATUSES.stream().sorted().toList())));
        }
        Instant fromInstant = instant("from", from, violations);
        Instant toInstant = instant("to", to, violations);
        range(fromInstant, toInstant, violations);
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, violations);
        TransferCursor after = null;
        if (!isBlank(cursor)) {
            Optional<TransferCursor> decoded = TransferCursor.decode(cursor);
            if (decoded.isEmpty()) {
                violations.add(new FieldViolation("cursor", "is not a cursor returned by this API"));
            } else {
                after = decoded.get();
            }
        }
        if (!violations.isEmpty()) {
            throw new RequestValidationException(violations);
        }
        return new TransferListQuery(isBlank(accountId) ? null : accountId, isBlank(status) ? null : status,
                fromInstant, toInstant, pageSize, after);
    }
}
