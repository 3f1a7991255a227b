package io.ledgerflow.query.web;

/** Kafka did not answer a request that needs it within its bounded wait: 503, try again. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
