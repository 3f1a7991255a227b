package io.ledgerflow.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * The read-your-writes lag split where the ledger topic sees each probe transfer ({@link KafkaArrivals}), in wall-clock
 * milliseconds of this one machine:
 * <ul>
 *   <li><b>publish</b>: the event's time (the command created it) → the publisher sent its record (the command's
 *       commit, the publisher noticing it, reading it and giving it its position);</li>
 *   <li><b>deliver</b>: sent → a consumer of the topic got it (the producer's batching, the broker's acknowledgement
 *       and a consumer's fetch);</li>
 *   <li><b>project</b>: got → the query-service's read showed it (the query-service's own fetch, its write to
 *       MongoDB and the probe's next poll).</li>
 * </ul>
 * Properties {@code stage.<name>.p50/.p99/.max} and {@code stage.samples} (the samples whose record was seen).
 */
final class LagStages {

    private static final String[] NAMES = {"publish", "deliver", "project"};

    private final long[][] millis;
    private int count;

    LagStages(int capacity) {
        millis = new long[NAMES.length][capacity];
    }

    /** One sample's stages; a sample whose record was not seen (no Kafka, or none in time) is left out. */
    void add(KafkaArrivals.Arrival arrival, long visibleWallMillis) {
        if (arrival == null || arrival.eventTime() < 0) {
            return;
        }
        millis[0][count] = arrival.sentTime() - arrival.eventTime();
        millis[1][count] = arrival.receivedTime() - arrival.sentTime();
        millis[2][count] = visibleWallMillis - arrival.receivedTime();
        count++;
    }

    void putInto(Properties results) {
        if (count == 0) {
            return;
        }
        results.setProperty("stage.samples", Integer.toString(count));
        for (int stage = 0; stage < NAMES.length; stage++) {
            Percentiles percentiles = new Percentiles(Arrays.stream(millis[stage], 0, count).map(ms -> ms * 1_000_000).toArray());
            results.setProperty("stage." + NAMES[stage] + ".p50", String.format(Locale.ROOT, "%.0f", percentiles.millis(50)));
            results.setProperty("stage." + NAMES[stage] + ".p99", String.format(Locale.ROOT, "%.0f", percentiles.millis(99)));
            results.setProperty("stage." + NAMES[stage] + ".max", String.format(Locale.ROOT, "%.0f", percentiles.maxMillis()));
        }
    }

    void print(Properties results) {
        if (results.getProperty("stage.samples") == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "lag probe: split at the ledger topic (%s samples), ms:%n", results.getProperty("stage.samples"));
        for (String name : NAMES) {
            System.out.printf(Locale.ROOT, "  %-10s p50 %s  p99 %s  max %s%n", name, results.getProperty("stage." + name + ".p50"),
                    results.getProperty("stage." + name + ".p99"), results.getProperty("stage." + name + ".max"));
        }
    }
}
