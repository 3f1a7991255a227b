package io.ledgerflow.query.messaging;

/**
 * A record that can never be projected (not a CloudEvent, a known type at an unknown revision, unreadable or
 * invalid data). The only failure that may be dead-lettered: every other one is retried until it succeeds.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
