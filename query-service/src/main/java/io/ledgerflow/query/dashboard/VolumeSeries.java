package io.ledgerflow.query.dashboard;

import java.time.Instant;
import java.util.List;

/** Posted transfers per bucket over [from, to), every bucket listed, oldest first. */
public record VolumeSeries(String currency, String bucket, Instant from, Instant to, List<VolumeBucket> items) {
}
