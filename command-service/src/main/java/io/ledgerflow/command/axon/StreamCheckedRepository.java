package io.ledgerflow.command.axon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.LockAwareAggregate;
import org.axonframework.modelling.command.inspection.AggregateModel;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * An event-sourced repository that keeps recently used aggregates in memory and trusts a kept one only while its
 * stream has not moved on.
 * <p>
 * Every load asks the event store for the stream's last sequence number first (or takes it from {@link
 * StreamSequences}, which read several streams' at once): one indexed lookup, made after the command took the
 * aggregate's advisory lock ({@link LedgerLocks}), so no other instance can append between the check and this
 * command's own append. The kept aggregate is used when its version equals that number; otherwise (another
 * instance wrote, or it was never kept) the aggregate is read from its snapshot and events as before. An empty stream
 * answers "not found" without reading a snapshot.
 * <p>
 * A kept aggregate is updated in place by the command that uses it, so a load takes it out of the kept ones, and
 * only the commit of the transaction that saved it puts it back (for a keyed request, the request's transaction,
 * which commits after its unit of work). Kept aggregates are therefore always committed states that no command is
 * changing: one changed by a transaction that rolled back is never seen again, not even in the moment between the
 * database's rollback and the clean-up after it, when another instance may already have appended an event that gives
 * the stream the rolled-back state's version.
 */
public final class StreamCheckedRepository<T> extends EventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache<String, EventSourcedAggregate<T>> kept;
    private volatile AggregateListener listener = AggregateListener.NONE;
    private volatile KeptStateSnapshots<T> snapshots;

    private StreamCheckedRepository(Builder<T> builder, EventStore eventStore, long maximumKept) {
        super(builder);
        this.eventStore = eventStore;
        this.kept = Caffeine.newBuilder().maximumWeight(maximumKept)
                .weigher((String id, EventSourcedAggregate<T> aggregate) ->
                        aggregate.getAggregateRoot() instanceof KeptWeight weighed ? weighed.keptWeight() : 1)
                .build();
    }

    /**
     * @param maximumKept how many aggregates stay in memory at most (least recently used leave first), counted by
     *                    their {@link KeptWeight} (1 for one without text of its own); 0 keeps none
     */
    public static <T> StreamCheckedRepository<T> create(Class<T> aggregateType, EventStore eventStore,
                                                        SnapshotTriggerDefinition snapshots, long maximumKept) {
        Builder<T> builder = new Builder<>(aggregateType) {
        };
        builder.eventStore(eventStore).snapshotTriggerDefinition(snapshots);
        return new StreamCheckedRepository<>(builder, eventStore, maximumKept);
    }

    /** The same, with an aggregate model built once and shared (tests build many repositories). */
    public static <T> StreamCheckedRepository<T> create(AggregateModel<T> model, EventStore eventStore,
                                                        SnapshotTriggerDefinition snapshots, long maximumKept) {
        @SuppressWarnings("unchecked")
        Class<T> aggregateType = (Class<T>) model.entityClass();
        Builder<T> builder = new Builder<>(aggregateType) {
        };
        builder.aggregateModel(model).eventStore(eventStore).snapshotTriggerDefinition(snapshots);
        return new StreamCheckedRepository<>(builder, eventStore, maximumKept);
    }

    /** Tells {@code target} of every aggregate loaded from now on. */
    public StreamCheckedRepository<T> reportingTo(AggregateListener target) {
        this.listener = target;
        return this;
    }

    /**
     * Takes snapshots from the aggregates' state in memory ({@link KeptStateSnapshots}); build the repository with
     * {@code NoSnapshotTriggerDefinition} then, or Axon's snapshotter takes its own too.
     */
    public StreamCheckedRepository<T> snapshotting(KeptStateSnapshots<T> taker) {
        this.snapshots = taker;
        return this;
    }

    @Override
    protected EventSourcedAggregate<T> doCreateNewForLock(Callable<T> factoryMethod) throws Exception {
        EventSourcedAggregate<T> created = super.doCreateNewForLock(factoryMethod);
        if (snapshots != null) {
            snapshots.loaded(created.identifierAsString(), 0);
        }
        return created;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        return checkedLoad(aggregateIdentifier, expectedVersion);
    }

    /**
     * Every load is reported, also one that the unit of work answers from the aggregates it already holds (a command
     * of a group after another that loaded the same account), at the version the command finds.
     */
    @Override
    public LockAwareAggregate<T, EventSourcedAggregate<T>> load(String aggregateIdentifier, Long expectedVersion) {
        LockAwareAggregate<T, EventSourcedAggregate<T>> aggregate = super.load(aggregateIdentifier, expectedVersion);
        Long version = aggregate.version();
        if (version != null) {
            listener.loaded(aggregate.identifierAsString(), version);
        }
        return aggregate;
    }

    private EventSourcedAggregate<T> checkedLoad(String aggregateIdentifier, Long expectedVersion) {
        Optional<Long> prefetched = StreamSequences.take(aggregateIdentifier);
        Optional<Long> lastSequence = prefetched != null ? prefetched
                : eventStore.lastSequenceNumberFor(aggregateIdentifier);
        if (lastSequence.isEmpty()) {
            kept.invalidate(aggregateIdentifier);
            throw new EmptyStream(aggregateIdentifier);
        }
        if (snapshots != null) {
            snapshots.loaded(aggregateIdentifier, lastSequence.get());
        }
        EventSourcedAggregate<T> aggregate = kept.asMap().remove(aggregateIdentifier);
        if (aggregate != null && Objects.equals(aggregate.version(), lastSequence.get())) {
            return aggregate;
        }
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        String id = aggregate.identifierAsString();
        AfterTransaction.afterCommit(() -> kept.put(id, aggregate));
        if (snapshots != null) {
            snapshots.saved(aggregate);
        }
    }

    /** How many aggregates are kept now (an estimate, for tests and metrics). */
    public long keptCount() {
        kept.cleanUp();
        return kept.estimatedSize();
    }

    /**
     * An empty stream, the answer to every new transfer id's probe ({@link Aggregates#find}): thrown without a stack
     * trace, which would cost more than the lookup itself and tells nothing here.
     */
    static final class EmptyStream extends AggregateNotFoundException {

        EmptyStream(String aggregateIdentifier) {
            super(aggregateIdentifier, "The aggregate was not found in the event store");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
