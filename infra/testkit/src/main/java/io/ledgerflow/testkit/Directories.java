package io.ledgerflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Directories for embedded servers and their logs; shared by the test kit's packages. */
public final class Directories {

    private static final Logger log = LoggerFactory.getLogger(Directories.class);

    private Directories() {
    }

    /** A new empty directory under java.io.tmpdir (created if missing: surefire points it into target/). */
    public static Path createTemporary(String prefix) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            return Files.createTempDirectory(tmp, prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** The directory as an absolute path, created with its parents if missing. */
    public static Path createKept(Path directory) {
        try {
            return Files.createDirectories(directory.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory, e);
        }
    }

    /** The file as an absolute path whose parent directory exists. */
    public static Path createParentOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        createKept(absolute.getParent());
        return absolute;
    }

    /** Best effort: a directory left behind in a temp folder must not fail a shutdown. */
    public static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", directory, e.toString());
        }
    }

    /**
     * Deletes the directory in a process of its own ({@code rm -rf}) that outlives this JVM, so that a JVM exiting
     * does not wait for thousands of files: a test JVM's PostgreSQL cluster took 6 s and more to delete at exit,
     * and surefire kills a fork whose exit takes over 30 s. Deletes here, and waits, when no such process starts.
     */
    public static void deleteDetached(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try {
            new ProcessBuilder("rm", "-rf", "--", directory.toAbsolutePath().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            deleteQuietly(directory);
        }
    }

    /** True for a missing or empty file. */
    public static boolean isEmptyFile(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
