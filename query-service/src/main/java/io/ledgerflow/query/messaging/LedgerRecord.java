package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;

/**
 * A decoded event with its place on the topic. All of one aggregate's events are on one partition, in order, so a
 * (topic, partition, offset) names one delivery of one event, whichever batch brings it and however often.
 */
public record LedgerRecord(String topic, int partition, long offset, EventEnvelope envelope) {
}
