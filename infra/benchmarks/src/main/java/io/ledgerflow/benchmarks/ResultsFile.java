package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The properties files a step of the benchmarks leaves for the summary. */
public final class ResultsFile {

    private ResultsFile() {
    }

    public static void store(Path file, Properties properties, String comment) {
        try {
            Path path = file.toAbsolutePath();
            Files.createDirectories(path.getParent());
            try (Writer out = Files.newBufferedWriter(path)) {
                properties.store(out, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** To the file a system property names, if it names one. */
    public static void storeIfConfigured(String property, Properties properties, String comment) {
        String file = System.getProperty(property);
        if (file != null && !file.isBlank()) {
            store(Path.of(file), properties, comment);
        }
    }

    public static Optional<Properties> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(properties);
    }
}
