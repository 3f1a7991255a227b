package io.ledgerflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this JVM runs as, for the servers that care. */
final class RunningUser {

    private RunningUser() {
    }

    /** True when the effective user is root (Linux: /proc/self belongs to the effective uid). */
    static boolean isRoot() {
        Path self = Path.of("/proc/self");
        if (!Files.exists(self)) {
            return false;
        }
        try {
            return ((Number) Files.getAttribute(self, "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
