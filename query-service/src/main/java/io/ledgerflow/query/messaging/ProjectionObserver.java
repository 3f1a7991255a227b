package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.List;

/**
 * Told of every batch of events once the projections have written it and its checkpoints moved, on the consumer
 * thread: an observer returns at once and never waits for anything else (the live stream is one).
 */
public interface ProjectionObserver {

    void projected(List<EventEnvelope> events);
}
