package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/** Axon's event store that also tells a {@link CommitSignal} each time events it appended were committed. */
final class SignallingEventStore extends EmbeddedEventStore {

    private final CommitSignal commits;

    SignallingEventStore(Builder builder, CommitSignal commits) {
        super(builder);
        this.commits = commits;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        AfterTransaction.runOrDefer(commits::signal);
    }
}
