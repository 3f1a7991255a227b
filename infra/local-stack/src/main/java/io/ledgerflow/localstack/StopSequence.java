package io.ledgerflow.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops parts one after another; a part that fails to stop does not keep the next ones running. */
final class StopSequence {

    private static final Logger log = LoggerFactory.getLogger(StopSequence.class);

    private IllegalStateException failure;

    void stop(String name, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("{} did not stop cleanly", name, e);
            if (failure == null) {
                failure = new IllegalStateException("not everything stopped cleanly");
            }
            failure.addSuppressed(e);
        }
    }

    void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }
}
