package io.ledgerflow.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to; it also serves as a Caffeine ticker through {@link #nanos()}. */
public final class SettableClock extends Clock {

    private final Instant start;
    private volatile Instant now;

    public SettableClock(Instant start) {
        this.start = start;
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    public long nanos() {
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
