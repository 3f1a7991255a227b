package io.ledgerflow.query.dashboard;

import io.ledgerflow.query.web.QueryParameters;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated volume request, its range widened to whole buckets: {@code from} down to its bucket's start,
 * {@code to} up to the next bucket start, so that every bucket that overlaps [from, to) is listed.
 */
public record VolumeQuery(String currency, Bucket bucket, Instant from, Instant to) {

    static final int DEFAULT_BUCKETS = 60;
    static final int MAX_BUCKETS = 1_440;
    /** Instants from here on are written "+10000-…", which no parameter accepts back: no response names one. */
    static final Instant YEAR_10000 = Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1);

    /** Reads the raw parameters, reporting every invalid one at once. Without {@code to}: up to the bucket of now. */
    public static VolumeQuery parse(String currency, String bucket, String from, String to, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        if (QueryParameters.isBlank(currency)) {
            violations.add(new FieldViolation("currency", "is required: an ISO 4217 code, e.g. USD"));
        } else if (!QueryParameters.isIsoCurrency(currency)) {
            violations.add(new FieldViolation("currency", "must be an ISO 4217 currency code, e.g. USD"));
        }
        Bucket size = null;
        if (QueryParameters.isBlank(bucket)) {
            violations.add(new FieldViolation("bucket", "is required: minute, hour or day"));
        } else {
            size = Bucket.named(bucket).orElse(null);
            if (size == null) {
                violations.add(new FieldViolation("bucket", "must be minute, hour or day"));
            }
        }
        Instant start = QueryParameters.instant("from", from, violations);
        Instant end = QueryParameters.instant("to", to, violations);
        QueryParameters.range(start, end, violations);
        if (!violations.isEmpty()) {
            throw new RequestValidationException(violations);
        }
        end = end == null ? size.plus(size.floor(now), 1) : size.ceil(end);
        if (!end.isBefore(YEAR_10000)) {
            // widened past the year 9999 it would be answered as "+10000-…", which no parameter accepts back
            throw new RequestValidationException(List.of(new FieldViolation("to",
                    "must end within the year 9999 once widened to the end of its " + size.label())));
        }
        // the default stops at the start of year 0 (a bucket start of every size): no response names an earlier one
        start = start == null ? latest(size.plus(end, -DEFAULT_BUCKETS), QueryParameters.EARLIEST) : size.floor(start);
        if (start.isAfter(end)) {
            throw new RequestValidationException(List.of(new FieldViolation("from",
                    "must not be after 'to', which defaults to the end of the current " + size.label())));
        }
        long buckets = size.between(start, end);
        if (buckets > MAX_BUCKETS) {
            throw new RequestValidationException(List.of(new FieldViolation("from", "from " + start + " to " + end
                    + " spans " + buckets + " buckets of a " + size.label() + ": at most " + MAX_BUCKETS)));
        }
        return new VolumeQuery(currency, size, start, end);
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    int buckets() {
        return (int) bucket.between(from, to);
    }
}
