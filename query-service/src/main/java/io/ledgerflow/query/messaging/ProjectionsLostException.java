package io.ledgerflow.query.messaging;

/** The projections this consumer was writing to were lost: its partitions must be read again from the start. */
public class ProjectionsLostException extends RuntimeException {

    public ProjectionsLostException(String message) {
        super(message);
    }
}
