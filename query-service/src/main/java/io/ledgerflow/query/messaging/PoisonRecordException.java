package io.ledgerflow.query.messaging;

/** A record that can never be projected (not a CloudEvent, an unknown type, unreadable data). */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
