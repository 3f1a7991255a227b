package io.ledgerflow.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * One supervised process's deaths inside its {@link RestartPolicy}'s window, and what the latest calls for: a restart
 * after a backoff, or giving up. Reported on the supervisor's own logger.
 */
final class RecentDeaths {

    private final String name;
    private final RestartPolicy policy;
    private final Logger log;
    private final Deque<Instant> deaths = new ArrayDeque<>();

    RecentDeaths(String name, RestartPolicy policy, Logger log) {
        this.name = name;
        this.policy = policy;
        this.log = log;
    }

    /**
     * Counts a death now. Returns the wait before the restart, said on the console; or, for one death too many,
     * nothing: the launcher is told to give up, with {@code logFile} named for the cause.
     */
    Optional<Duration> died(Path logFile, Consumer<String> giveUp) {
        Instant now = Instant.now();
        int recent;
        synchronized (this) {
            deaths.addLast(now);
            while (deaths.getFirst().isBefore(now.minus(policy.window()))) {
                deaths.removeFirst();
            }
            recent = deaths.size();
        }
        if (recent > policy.maxDeaths()) {
            String reason = "%s died %d times within %s: giving up (see %s)".formatted(
                    name, recent, human(policy.window()), logFile);
            log.error(reason);
            giveUp.accept(reason);
            return Optional.empty();
        }
        Duration backoff = policy.backoff(recent);
        log.warn("Restarting {} in {} (restart {} of at most {} within {})", name, human(backoff), recent,
                policy.maxDeaths(), human(policy.window()));
        return Optional.of(backoff);
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
