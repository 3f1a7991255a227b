package io.ledgerflow.command.web;

/**
 * The event store could not be reached while a command ran: 503. Unlike {@link CommandsBusy}, the command may have
 * been applied (the connection may have failed after the commit), so the caller is told to send it again as it was:
 * its id (or {@code Idempotency-Key}) makes it take effect at most once.
 */
public class DatabaseUnavailable extends RuntimeException {

    public DatabaseUnavailable(Throwable cause) {
        super("the event store could not be reached", cause);
    }
}
