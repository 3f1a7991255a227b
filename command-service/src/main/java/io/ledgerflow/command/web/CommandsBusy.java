package io.ledgerflow.command.web;

/** A command lost every retry against concurrent work, or waited too long for its aggregates: try again later. */
public class CommandsBusy extends RuntimeException {

    public CommandsBusy(String message, Throwable cause) {
        super(message, cause);
    }
}
