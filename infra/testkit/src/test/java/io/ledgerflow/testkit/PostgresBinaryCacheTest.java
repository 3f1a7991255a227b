package io.ledgerflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinaryCacheTest {

    @Test
    void removesOnlyHalfUnpackedBinaries(@TempDir Path cache) throws IOException {
        Path interrupted = Files.createDirectories(cache.resolve("PG-0123/lib"));
        Files.createSymbolicLink(interrupted.resolve("libpq.so"), Path.of("libpq.so.5"));
        Files.createFile(cache.resolve("PG-0123/epg-lock"));
        Path complete = Files.createDirectories(cache.resolve("PG-4567/bin"));
        Files.createFile(cache.resolve("PG-4567/.exists"));

        PostgresBinaryCache.removeInterruptedUnpacks(cache);

        assertThat(cache.resolve("PG-0123")).doesNotExist();
        assertThat(complete).exists();
    }
}
