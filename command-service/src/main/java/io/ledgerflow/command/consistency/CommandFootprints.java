package io.ledgerflow.command.consistency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ledgerflow.command.axon.AggregateListener;
import io.ledgerflow.command.axon.AppliedEventsListener;
import io.ledgerflow.command.axon.LedgerCorrelationData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which aggregate streams each command read or wrote, and at which sequence: reads reported by the repositories,
 * writes taken from the events as the command applies them (each event names its command as causation, so the
 * commands of a group sharing one unit of work are told apart). Kept only once the unit of work has committed (a
 * rolled-back attempt leaves nothing), and taken by whoever sent the command ({@link ConsistencyHeader}). Entries
 * nobody takes (commands from timers) expire.
 */
@Component
public class CommandFootprints implements AggregateListener, AppliedEventsListener {

    private static final String STAGED = CommandFootprints.class.getName() + ".staged";

    private final Cache<String, Map<String, Footprint>> committed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();

    /** Where a command left a stream: the sequence it read or, if it appended, the last one it appended. */
    public record Footprint(long sequence, boolean written) {

        Footprint newest(Footprint other) {
            return new Footprint(Math.max(sequence, other.sequence), written || other.written);
        }
    }

    @Override
    public void loaded(String streamId, long version) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.getMessage() == null) {
            return; // a load outside any command (a replay, a tool): nobody to tell
        }
        stage(unitOfWork, unitOfWork.getMessage().getIdentifier(), streamId, new Footprint(version, false));
    }

    /** The events a command applied, to be stored with its unit of work: each one's stream is written by its cause. */
    @Override
    public void applied(List<? extends EventMessage<?>> events) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent
                    && domainEvent.getMetaData().get(LedgerCorrelationData.CAUSATION_ID) instanceof String commandId) {
                stage(unitOfWork, commandId, domainEvent.getAggregateIdentifier(),
                        new Footprint(domainEvent.getSequenceNumber(), true));
            }
        }
    }

    private void stage(UnitOfWork<?> unitOfWork, String commandId, String streamId, Footprint footprint) {
        UnitOfWork<?> root = unitOfWork.root();
        Map<String, Map<String, Footprint>> staged = root.getOrComputeResource(STAGED, key -> {
            Map<String, Map<String, Footprint>> byCommand = new ConcurrentHashMap<>();
            root.afterCommit(done -> byCommand.forEach((command, streams) ->
                    committed.asMap().merge(command, Map.copyOf(streams), CommandFootprints::newest)));
            return byCommand;
        });
        staged.computeIfAbsent(commandId, id -> new ConcurrentHashMap<>()).merge(streamId, footprint, Footprint::newest);
    }

    /**
     * Keeps the footprint of one command of the current unit of work now, before it commits: for a request that
     * renders its answer while its group's transaction is still open and sends it only once that commits.
     */
    public void keepBeforeCommit(String commandId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Map<String, Map<String, Footprint>> staged = CurrentUnitOfWork.get().root().getResource(STAGED);
        Map<String, Footprint> streams = staged == null ? null : staged.remove(commandId);
        if (streams != null) {
            committed.asMap().merge(commandId, Map.copyOf(streams), CommandFootprints::newest);
        }
    }

    /** The streams the command with this message id read or wrote, once; empty if none (yet). */
    public Optional<Map<String, Footprint>> take(String commandId) {
        return Optional.ofNullable(committed.asMap().remove(commandId)).filter(streams -> !streams.isEmpty());
    }

    private static Map<String, Footprint> newest(Map<String, Footprint> kept, Map<String, Footprint> more) {
        Map<String, Footprint> merged = new HashMap<>(kept);
        more.forEach((stream, footprint) -> merged.merge(stream, footprint, Footprint::newest));
        return merged;
    }
}
