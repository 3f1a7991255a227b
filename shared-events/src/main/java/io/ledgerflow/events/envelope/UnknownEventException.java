package io.ledgerflow.events.envelope;

/** A record on the topic that this consumer cannot understand: a poison event for the dead-letter topic. */
public class UnknownEventException extends RuntimeException {

    public UnknownEventException(String message) {
        super(message);
    }
}
