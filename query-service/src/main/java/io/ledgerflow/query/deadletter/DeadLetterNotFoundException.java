package io.ledgerflow.query.deadletter;

import io.ledgerflow.query.web.ResourceNotFoundException;

public class DeadLetterNotFoundException extends ResourceNotFoundException {

    public DeadLetterNotFoundException(String id) {
        super("DEAD_LETTER_NOT_FOUND", "No dead letter with id '" + id
                + "' (ids are <partition>-<offset> on the dead-letter topic)");
    }
}
