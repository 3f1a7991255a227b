package io.ledgerflow.localstack;

import java.time.Duration;

/**
 * How the launcher treats a service that dies: it restarts it after a backoff that doubles with each death
 * still inside {@code window} ({@code firstBackoff}, twice that, … up to {@code maxBackoff}), and gives up once
 * more than {@code maxDeaths} deaths fall inside the window.
 */
public record RestartPolicy(int maxDeaths, Duration window, Duration firstBackoff, Duration maxBackoff) {

    /** 3 restarts within 5 minutes, 1 s, 2 s, 4 s apart. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(3, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30));

    public RestartPolicy {
        if (maxDeaths < 0 || window.isNegative() || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("not a restart policy: " + maxDeaths + " deaths in " + window
                    + ", backoff " + firstBackoff + " to " + maxBackoff);
        }
    }

    /** The wait before the restart that follows the {@code recentDeaths}-th death inside the window (1-based). */
    Duration backoff(int recentDeaths) {
        Duration backoff = firstBackoff;
        for (int i = 1; i < recentDeaths && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
