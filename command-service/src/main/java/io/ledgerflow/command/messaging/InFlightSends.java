package io.ledgerflow.command.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends handed to the producer and not yet acknowledged; {@link #awaitAll} fails if any of them failed. */
final class InFlightSends {

    private final List<CompletableFuture<?>> sends = new ArrayList<>();
    private final Duration timeout;

    InFlightSends(Duration timeout) {
        this.timeout = timeout;
    }

    void add(CompletableFuture<?> send) {
        sends.add(send);
    }

    void awaitAll() {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("the broker did not acknowledge every event of the batch", e);
        }
    }

    static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
