package io.ledgerflow.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where zonky unpacks the PostgreSQL binaries ({@code PG-<digest>/}, finished when it holds a
 * {@code .exists} marker). A JVM killed while unpacking leaves a half-filled directory that zonky never
 * repairs: every later start fails with FileAlreadyExistsException. This removes such remains.
 */
final class PostgresBinaryCache {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaryCache.class);
    private static final String UNPACKED_MARKER = ".exists";
    private static final String UNPACK_LOCK = "epg-lock";

    private PostgresBinaryCache() {
    }

    static Path directory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toAbsolutePath();
    }

    static void removeInterruptedUnpacks(Path cache) {
        if (!Files.isDirectory(cache)) {
            return;
        }
        try (DirectoryStream<Path> binaries = Files.newDirectoryStream(cache, "PG-*")) {
            for (Path dir : binaries) {
                if (!Files.exists(dir.resolve(UNPACKED_MARKER)) && !beingUnpacked(dir)) {
                    log.warn("Removing PostgreSQL binaries left half-unpacked in {}", dir);
                    Directories.deleteQuietly(dir);
                }
            }
        } catch (IOException e) {
            log.warn("Could not inspect {}: {}", cache, e.toString());
        }
    }

    /** zonky holds a lock on the directory's epg-lock file for as long as it unpacks. */
    private static boolean beingUnpacked(Path dir) {
        Path lockFile = dir.resolve(UNPACK_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return true; // when in doubt, leave it alone
        }
    }
}
