package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Told of the events a command applies, as it applies them, inside its unit of work. Axon's dispatch interceptors
 * see a unit of work's events only as it prepares to commit: too late for a keyed request, which renders its
 * answer while its group's unit of work is still open.
 */
@FunctionalInterface
public interface AppliedEventsListener {

    void applied(List<? extends EventMessage<?>> events);
}
