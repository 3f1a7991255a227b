package io.ledgerflow.query.dashboard;

import java.math.BigInteger;
import java.time.Instant;

/**
 * @param count  transfers whose money moved in [start, start + bucket)
 * @param volume the sum of their posted amounts (not a {@code long}: it may pass 2^63)
 */
public record VolumeBucket(Instant start, long count, BigInteger volume) {
}
