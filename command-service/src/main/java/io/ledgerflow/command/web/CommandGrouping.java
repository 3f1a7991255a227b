package io.ledgerflow.command.web;

import org.axonframework.commandhandling.CommandMessage;

/** Runs some kinds of command together with others that arrive at the same time (one transaction for several). */
public interface CommandGrouping {

    boolean groups(Object command);

    /** Runs the command, grouped when possible, and answers or fails as {@code CommandGateway#sendAndWait}. */
    <R> R sendAndWait(CommandMessage<?> command);

    /** Groups nothing. */
    static CommandGrouping none() {
        return new CommandGrouping() {
            @Override
            public boolean groups(Object command) {
                return false;
            }

            @Override
            public <R> R sendAndWait(CommandMessage<?> command) {
                throw new UnsupportedOperationException("groups nothing");
            }
        };
    }
}
