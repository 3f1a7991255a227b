package io.ledgerflow.command.consistency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ledgerflow.command.axon.AggregateListener;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which aggregate streams each command left at which sequence: collected from the repositories while the command
 * runs, kept only once its unit of work has committed (a rolled-back attempt leaves nothing), and taken by whoever
 * sent the command ({@link ConsistencyHeader}). Entries nobody takes (commands from timers) expire.
 */
@Component
public class CommandFootprints implements AggregateListener {

    private static final String STAGED = CommandFootprints.class.getName() + ".staged";

    private final Cache<String, Map<String, Long>> committed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();

    @Override
    public void touched(String streamId, Supplier<Long> version) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.getMessage() == null) {
            return; // a load outside any command (a replay, a tool): nobody to tell
        }
        String commandId = unitOfWork.getMessage().getIdentifier();
        UnitOfWork<?> root = unitOfWork.root();
        Map<String, Map<String, Supplier<Long>>> staged = root.getOrComputeResource(STAGED, key -> {
            Map<String, Map<String, Supplier<Long>>> byCommand = new ConcurrentHashMap<>();
            root.afterCommit(done -> keep(byCommand));
            return byCommand;
        });
        staged.computeIfAbsent(commandId, id -> new ConcurrentHashMap<>()).put(streamId, version);
    }

    private void keep(Map<String, Map<String, Supplier<Long>>> byCommand) {
        byCommand.forEach((commandId, streams) -> {
            Map<String, Long> versions = new HashMap<>();
            streams.forEach((stream, version) -> {
                Long sequence = version.get();
                if (sequence != null) {
                    versions.put(stream, sequence);
                }
            });
            committed.asMap().merge(commandId, versions, CommandFootprints::newest);
        });
    }

    /** The streams (and sequences) the command with this message id committed, once; empty if none (yet). */
    public Optional<Map<String, Long>> take(String commandId) {
        return Optional.ofNullable(committed.asMap().remove(commandId)).filter(streams -> !streams.isEmpty());
    }

    private static Map<String, Long> newest(Map<String, Long> kept, Map<String, Long> more) {
        Map<String, Long> merged = new HashMap<>(kept);
        more.forEach((stream, sequence) -> merged.merge(stream, sequence, Math::max));
        return merged;
    }
}
