package io.ledgerflow.verifier.kafka;

/** The topic cannot be read: no broker answers, the topic does not exist, or reading stalled. */
public class TopicUnavailableException extends Exception {

    public TopicUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
