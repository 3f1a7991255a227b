package io.ledgerflow.query.dashboard;

import org.bson.Document;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sequences of one transfer whose events the dashboard has counted. A set, not the highest one: after a send
 * that timed out the producer may write a transfer's later event to the topic before an earlier one is sent again,
 * and the earlier one must still be counted when it comes. Documents written before the set existed hold only
 * {@code version}, the highest sequence counted + 1: every sequence below it counts as counted.
 */
final class CountedSequences {

    static final String SEQUENCES = "sequences";
    static final String LEGACY_VERSION = "version";

    private final long countedBelow;
    private final Set<Long> sequences = new HashSet<>();

    CountedSequences() {
        this(0);
    }

    private CountedSequences(long countedBelow) {
        this.countedBelow = countedBelow;
    }

    static CountedSequences of(Document document) {
        Object version = document.get(LEGACY_VERSION);
        CountedSequences counted = new CountedSequences(version instanceof Number n ? n.longValue() : 0);
        if (document.get(SEQUENCES) instanceof List<?> stored) {
            stored.forEach(sequence -> counted.sequences.add(((Number) sequence).longValue()));
        }
        return counted;
    }

    boolean contains(long sequence) {
        return sequence < countedBelow || sequences.contains(sequence);
    }

    /** Whether the sequence is in the set itself, not only below an older document's {@code version}. */
    boolean listed(long sequence) {
        return sequences.contains(sequence);
    }

    /** Adds the sequence; false if it was counted already. */
    boolean add(long sequence) {
        return !contains(sequence) && sequences.add(sequence);
    }
}
