package io.ledgerflow.servicekit.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to; it also serves as a Caffeine ticker through {@link #nanos()}. */
final class SettableClock extends Clock {

    private final Instant start;
    private volatile Instant now;

    SettableClock(Instant start) {
        this.start = start;
        this.now = start;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    long nanos() {
        return Duration.between(start, now).toNanos();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
