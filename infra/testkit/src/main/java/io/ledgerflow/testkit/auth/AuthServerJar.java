package io.ledgerflow.testkit.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the auth-server's executable jar is: the testkit builds before it, so it runs the jar, never links it. */
final class AuthServerJar {

    static final String OVERRIDE_PROPERTY = "ledgerflow.auth.jar";
    private static final Path RELATIVE_TO_PROJECT_ROOT = Path.of("infra", "auth-server", "target", "auth-server-exec.jar");

    private AuthServerJar() {
    }

    /** {@code -Dledgerflow.auth.jar}, else {@code <project root>/infra/auth-server/target/auth-server-exec.jar}. */
    static Path expectedLocation() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        Path root = projectRoot().orElseThrow(() -> new IllegalStateException(
                "no folder holding mvnw above " + workingDirectory() + ": set -D" + OVERRIDE_PROPERTY + " to the auth-server jar"));
        return root.resolve(RELATIVE_TO_PROJECT_ROOT);
    }

    static Optional<Path> existing() {
        try {
            return Optional.of(expectedLocation()).filter(Files::isRegularFile);
        } catch (IllegalStateException noProjectRoot) {
            return Optional.empty();
        }
    }

    static Path require() {
        Path jar = expectedLocation();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the auth-server jar " + jar + " does not exist: build it with "
                    + "'./mvnw -q -pl infra/auth-server -am install -DskipTests' or set -D" + OVERRIDE_PROPERTY);
        }
        return jar;
    }

    private static Optional<Path> projectRoot() {
        for (Path folder = workingDirectory(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("mvnw"))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    private static Path workingDirectory() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    }
}
