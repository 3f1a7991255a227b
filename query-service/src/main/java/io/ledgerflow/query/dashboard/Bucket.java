package io.ledgerflow.query.dashboard;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A volume bucket's size; buckets are aligned on UTC. */
public enum Bucket {
    MINUTE(60), HOUR(3_600), DAY(86_400);

    private final long seconds;

    Bucket(long seconds) {
        this.seconds = seconds;
    }

    static Optional<Bucket> named(String name) {
        return Arrays.stream(values()).filter(bucket -> bucket.label().equals(name)).findFirst();
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    long seconds() {
        return seconds;
    }

    /** The start of the bucket holding {@code instant}. */
    Instant floor(Instant instant) {
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** The first bucket start at or after {@code instant}. */
    Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : floor.plusSeconds(seconds);
    }

    Instant plus(Instant start, long buckets) {
        return start.plusSeconds(buckets * seconds);
    }

    /** How many whole buckets from one bucket start to another. */
    long between(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) / seconds;
    }
}
