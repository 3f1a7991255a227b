package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** HTTP statuses per request name, counted by the virtual users; Gatling itself only keeps OK/KO. */
final class Outcomes {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String request, int status) {
        counts.computeIfAbsent(request + "." + status, k -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    /** Prints the counts and, with {@code -Dledgerflow.bench.results-file=...}, writes them there as properties. */
    void report(String title) {
        Map<String, Long> snapshot = snapshot();
        System.out.println(title + " statuses: " + snapshot);
        String file = System.getProperty("ledgerflow.bench.results-file");
        if (file == null) {
            return;
        }
        Properties properties = new Properties();
        snapshot.forEach((key, count) -> properties.setProperty(key, Long.toString(count)));
        try {
            Path path = Path.of(file).toAbsolutePath();
            Files.createDirectories(path.getParent());
            try (Writer out = Files.newBufferedWriter(path)) {
                properties.store(out, title + ": HTTP statuses per request name");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
