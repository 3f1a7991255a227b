package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock a command decides by: the one its events are stamped with, read at each call, so that within a unit of
 * work the instant a rule is checked at is the instant its events carry ({@link TransactionTime}). Decided by the
 * system clock, a post checked 11 ms before its hold's timeout was stamped after it when the command was slow to
 * create its events: a post the audit trail shows after the expiry (a probe's finding, once in ~500 tries).
 */
public final class EventClock extends Clock {

    public static final EventClock INSTANCE = new EventClock();

    private EventClock() {
    }

    @Override
    public Instant instant() {
        return GenericEventMessage.clock.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("events are stamped in UTC");
    }
}
