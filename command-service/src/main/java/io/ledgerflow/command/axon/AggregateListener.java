package io.ledgerflow.command.axon;

/** Told of every aggregate a command loads, with the version it found. */
@FunctionalInterface
public interface AggregateListener {

    AggregateListener NONE = (streamId, version) -> {
    };

    void loaded(String streamId, long version);
}
