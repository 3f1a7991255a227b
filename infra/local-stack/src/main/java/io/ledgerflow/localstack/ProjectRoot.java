package io.ledgerflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root: the nearest directory, from here upwards, that holds the Maven wrapper. */
final class ProjectRoot {

    private ProjectRoot() {
    }

    static Path find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Ledgerflow checkout (a directory with mvnw) at or above " + start.toAbsolutePath()
                + "; run from the project directory");
    }
}
