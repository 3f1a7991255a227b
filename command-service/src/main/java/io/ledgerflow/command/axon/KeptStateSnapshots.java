package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Snapshots of an aggregate taken from its state in memory, where Axon's snapshotter would read its stream again and
 * replay every event since the last snapshot (a tenth of the command-service's CPU under load went there).
 * <p>
 * When a unit of work saves an aggregate whose version crossed a multiple of the threshold since it was loaded or
 * last saved (each command of a group saves it), a copy of its state is taken right then, on the command's thread,
 * while the command still holds the aggregate's lock: the state and its version belong together. The copy is stored
 * only after that unit of work committed, so a snapshot never describes events that were rolled back, on a
 * background thread in a transaction of its own; when too many wait, the newest are dropped, and the next crossing
 * takes another. A snapshot stored late is still true at its own version: loads read it, then the events after it.
 */
public final class KeptStateSnapshots<T> {

    private static final Logger log = LoggerFactory.getLogger(KeptStateSnapshots.class);
    private final String loadedVersions = KeptStateSnapshots.class.getName() + "@" + System.identityHashCode(this);
    private final long threshold;
    private final UnaryOperator<T> copy;
    private final EventStore eventStore;
    private final Executor executor;

    /**
     * @param threshold events between snapshots, at least 1
     * @param copy      a copy of the aggregate's state that later commands cannot change
     * @param executor  where snapshots are stored, one at a time
     */
    public KeptStateSnapshots(long threshold, UnaryOperator<T> copy, EventStore eventStore, Executor executor) {
        if (threshold < 1) {
            throw new IllegalArgumentException("a snapshot threshold must be at least 1, not " + threshold);
        }
        this.threshold = threshold;
        this.copy = copy;
        this.eventStore = eventStore;
        this.executor = executor;
    }

    /** The aggregate's version when this unit of work first loaded it; a created one's first event is 0. */
    void loaded(String aggregateIdentifier, long version) {
        versions().putIfAbsent(aggregateIdentifier, version);
    }

    void saved(EventSourcedAggregate<T> aggregate) {
        Long version = aggregate.version();
        Long before = version == null ? null : versions().put(aggregate.identifierAsString(), version);
        if (before == null || version <= before || version / threshold == before / threshold) {
            return;
        }
        GenericDomainEventMessage<T> snapshot = new GenericDomainEventMessage<>(aggregate.type(),
                aggregate.identifierAsString(), version, copy.apply(aggregate.getAggregateRoot()));
        // a snapshot of events rolled back would be read as the account's state: only after the real commit
        AfterTransaction.afterCommit(() -> executor.execute(() -> store(snapshot)));
    }

    private void store(GenericDomainEventMessage<T> snapshot) {
        try {
            eventStore.storeSnapshot(snapshot);
        } catch (RuntimeException e) {
            log.warn("Could not store the snapshot of {} at {} (a later one will be taken): {}",
                    snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), e.toString());
        }
    }

    private Map<String, Long> versions() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(loadedVersions, key -> new HashMap<>());
    }
}
