package io.ledgerflow.query.dashboard;

import java.time.Instant;

/**
 * @param count  transfers whose money moved in [start, start + bucket)
 * @param volume the sum of their posted amounts
 */
public record VolumeBucket(Instant start, long count, long volume) {
}
