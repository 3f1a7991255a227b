package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock Axon stamps events with: every event of one unit of work (one transaction: a command, or a group of
 * them) carries the same instant, the first one asked for in it. A transfer's legs were otherwise stamped a
 * millisecond apart now and then, and a balance replayed "as of" the instant between them showed money debited and
 * not yet credited. Events are created after a command holds its locks, so a transaction that touches an account
 * after another still gets a later (or equal) instant.
 */
final class TransactionTime extends Clock {

    private static final String INSTANT = TransactionTime.class.getName() + ".instant";

    private final Clock system;

    TransactionTime(Clock system) {
        this.system = system;
    }

    /** Makes this the clock of every event message Axon creates from now on (Axon's clock is a static field). */
    static void install() {
        if (!(GenericEventMessage.clock instanceof TransactionTime)) {
            GenericEventMessage.clock = new TransactionTime(Clock.systemUTC());
        }
    }

    @Override
    public Instant instant() {
        if (!CurrentUnitOfWork.isStarted()) {
            return system.instant();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(INSTANT, key -> system.instant());
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TransactionTime(system.withZone(zone));
    }
}
