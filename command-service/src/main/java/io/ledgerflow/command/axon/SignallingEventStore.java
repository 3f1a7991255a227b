package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's event store that also tells a {@link CommitSignal} each time events it appended were committed, and its
 * {@link AppliedEventsListener}s of the events commands apply, as they apply them.
 */
final class SignallingEventStore extends EmbeddedEventStore {

    private final CommitSignal commits;
    private final List<AppliedEventsListener> listeners;

    SignallingEventStore(Builder builder, CommitSignal commits, List<AppliedEventsListener> listeners) {
        super(builder);
        this.commits = commits;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        listeners.forEach(listener -> listener.applied(events));
        super.publish(events);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        AfterTransaction.runOrDefer(commits::signal);
    }
}
