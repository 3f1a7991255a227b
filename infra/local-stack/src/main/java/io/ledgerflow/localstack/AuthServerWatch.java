package io.ledgerflow.localstack;

import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The authorization server is a child JVM like the services, and the launcher keeps it running as it keeps them
 * ({@link Supervisor}): a death is reported and the server started again on the same port, with the signing key
 * kept in the data directory, so that tokens issued before stay valid; one that keeps dying ends the launcher
 * ({@link RestartPolicy}). Before, a killed authorization server went unreported and the token endpoint stayed down
 * (a probe's finding), unnoticed until the services' tokens expired.
 */
final class AuthServerWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuthServerWatch.class);
    private static final String NAME = "auth-server";

    private final Supplier<AuthorizationServer> startAgain;
    private final Consumer<AuthorizationServer> adopt;
    private final Consumer<String> giveUp;
    private final RecentDeaths deaths;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "auth-server-watch");
        thread.setDaemon(true);
        return thread;
    });
    private AuthorizationServer current;
    private boolean closed;

    /**
     * @param startAgain starts a new server on the same port (it may throw)
     * @param adopt      hands a restarted server to the stack, which stops it at the end
     */
    AuthServerWatch(AuthorizationServer first, Supplier<AuthorizationServer> startAgain,
                    Consumer<AuthorizationServer> adopt, RestartPolicy policy, Consumer<String> giveUp) {
        this.startAgain = startAgain;
        this.adopt = adopt;
        this.giveUp = giveUp;
        this.deaths = new RecentDeaths(NAME, policy, log);
        watch(first);
    }

    private void watch(AuthorizationServer server) {
        synchronized (this) {
            current = server;
        }
        ProcessHandle.of(server.pid()).ifPresentOrElse(
                process -> process.onExit().thenRun(() -> died(server)),
                () -> died(server));
    }

    private void died(AuthorizationServer server) {
        synchronized (this) {
            if (closed || server != current) {
                return;
            }
        }
        log.error("{} (pid {}) died: new tokens cannot be issued until it is back (see {})", NAME, server.pid(),
                server.logFile());
        deaths.died(server.logFile(), giveUp).ifPresent(backoff ->
                restarts.schedule(() -> restart(server), backoff.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void restart(AuthorizationServer dead) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        AuthorizationServer next;
        try {
            next = startAgain.get();
        } catch (RuntimeException e) {
            log.error("{} could not be restarted: {}", NAME, e.getMessage());
            died(dead);
            return;
        }
        adopt.accept(next);
        log.warn("Restarted {} (pid {})", NAME, next.pid());
        watch(next);
    }

    /** From now on a death is the stack stopping it: no report, no restart. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        restarts.shutdownNow();
    }
}
