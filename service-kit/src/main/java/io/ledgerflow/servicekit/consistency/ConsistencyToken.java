package io.ledgerflow.servicekit.consistency;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a command left behind: for each aggregate stream it wrote or read ({@code account/<id>}, {@code transfer/<id>}),
 * the last sequence number it saw. A projection reflects the command once each of those streams' documents holds a
 * version above that sequence.
 */
public record ConsistencyToken(Map<String, Long> streams) {

    public static final String HEADER = "X-Consistency-Token";
    public static final int MAX_STREAMS = 64;
    private static final Pattern STREAM = Pattern.compile("^(account|transfer)/[A-Za-z0-9@][A-Za-z0-9._:@-]{0,63}$");

    public ConsistencyToken {
        if (streams.size() > MAX_STREAMS) {
            throw new IllegalArgumentException("a consistency token names at most " + MAX_STREAMS + " streams");
        }
        streams.forEach((stream, sequence) -> {
            if (!STREAM.matcher(stream).matches() || sequence == null || sequence < 0) {
                throw new IllegalArgumentException("not a stream and sequence: " + stream + "=" + sequence);
            }
        });
        streams = java.util.Collections.unmodifiableMap(new TreeMap<>(streams));
    }

    /** The newer sequence of each stream named by either token. */
    public ConsistencyToken merge(ConsistencyToken other) {
        Map<String, Long> merged = new TreeMap<>(streams);
        other.streams.forEach((stream, sequence) -> merged.merge(stream, sequence, Math::max));
        return new ConsistencyToken(merged);
    }

    public boolean isEmpty() {
        return streams.isEmpty();
    }
}
