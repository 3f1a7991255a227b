package io.ledgerflow.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Exits when the process {@code ledgerflow.auth.exit-with-pid} ends. A test JVM or the local stack that
 * starts this server as a child stops it in a shutdown hook, but a JVM that is killed outright runs no
 * hooks; without this the server would live on, holding its port and memory.
 */
@Component
@ConditionalOnProperty("ledgerflow.auth.exit-with-pid")
class ParentProcessWatch {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatch.class);

    private final long parentPid;

    ParentProcessWatch(@Value("${ledgerflow.auth.exit-with-pid}") long parentPid) {
        this.parentPid = parentPid;
    }

    @EventListener(ApplicationReadyEvent.class)
    void watch() {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(this::exit),
                this::exit);
    }

    private void exit() {
        log.info("Process {} has ended: shutting down", parentPid);
        // System.exit runs Spring's shutdown hook, which closes the context gracefully
        new Thread(() -> System.exit(0), "ledgerflow-auth-exit").start();
    }
}
