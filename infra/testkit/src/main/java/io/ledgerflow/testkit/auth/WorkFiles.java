package io.ledgerflow.testkit.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's working directory (temporary key, log, the child's tmpdir) and the parents of kept files. */
final class WorkFiles {

    private static final Logger log = LoggerFactory.getLogger(WorkFiles.class);

    private WorkFiles() {
    }

    static Path createTemporaryDirectory() {
        try {
            Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            return Files.createTempDirectory(tmp, "ledgerflow-auth-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    static Path createParentOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + absolute.getParent(), e);
        }
        return absolute;
    }

    static boolean isEmpty(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", directory, e.toString());
        }
    }
}
