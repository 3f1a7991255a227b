package io.ledgerflow.query.entries;

import io.ledgerflow.query.web.QueryParameters;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.ledgerflow.query.web.QueryParameters.instant;
import static io.ledgerflow.query.web.QueryParameters.isBlank;
import static io.ledgerflow.query.web.QueryParameters.range;

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
        range(fromInstant, toInstant, violations);
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, violations);
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
}
