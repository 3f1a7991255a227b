package io.ledgerflow.benchmarks;

import java.time.Duration;

/**
 * A bounded closed load: {@code users} virtual users start at once, each sends {@code requestsPerUser} requests
 * one after the other, and the simulation is stopped after {@code maxDuration} whatever is left. Read from
 * {@code ledgerflow.bench.<name>.users}, {@code .requests} and {@code .max-seconds}.
 */
record LoadShape(int users, int requestsPerUser, Duration maxDuration) {

    LoadShape {
        if (users < 1 || requestsPerUser < 1 || users * (long) requestsPerUser > 100_000) {
            throw new IllegalArgumentException("between 1 and 100000 requests in all: " + users + " x " + requestsPerUser);
        }
        if (maxDuration.isNegative() || maxDuration.isZero() || maxDuration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("max duration must be in (0, 10 min]: " + maxDuration);
        }
    }

    static LoadShape fromSystemProperties(String name, int users, int requestsPerUser, int maxSeconds) {
        String prefix = "ledgerflow.bench." + name + ".";
        return new LoadShape(Integer.getInteger(prefix + "users", users),
                Integer.getInteger(prefix + "requests", requestsPerUser),
                Duration.ofSeconds(Integer.getInteger(prefix + "max-seconds", maxSeconds)));
    }

    int total() {
        return users * requestsPerUser;
    }

    @Override
    public String toString() {
        return users + " users x " + requestsPerUser + " requests (" + total() + "), at most " + maxDuration.toSeconds() + " s";
    }
}
