package io.ledgerflow.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Launcher settings: a system property wins over an environment variable of the same name. */
final class Settings {

    private Settings() {
    }

    static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static int port(String name, int defaultPort) {
        return get(name).map(value -> parsePort(name, value)).orElse(defaultPort);
    }

    static Path path(String name, Path defaultPath) {
        return get(name).map(Path::of).orElse(defaultPath).toAbsolutePath().normalize();
    }

    static boolean flag(String name, boolean defaultValue) {
        return get(name).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    static Duration seconds(String name, Duration defaultValue) {
        return get(name).map(value -> Duration.ofSeconds(Long.parseLong(value))).orElse(defaultValue);
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " is not a TCP port: " + value);
    }
}
