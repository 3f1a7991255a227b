package io.ledgerflow.command.axon;

import java.util.function.Supplier;

/** Told of every aggregate a command loads or creates, with the way to read its version once the command is done. */
@FunctionalInterface
public interface AggregateListener {

    AggregateListener NONE = (streamId, version) -> {
    };

    void touched(String streamId, Supplier<Long> version);
}
