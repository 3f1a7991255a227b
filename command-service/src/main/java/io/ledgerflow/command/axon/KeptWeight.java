package io.ledgerflow.command.axon;

import io.ledgerflow.events.ClientText;

import java.util.Map;

/**
 * An aggregate that says how much of the kept aggregates' memory it takes ({@link StreamCheckedRepository}), in units
 * of an aggregate without text of its own (about a kilobyte): so the cache's bound is a bound on memory, which a count
 * alone is not when a client may give every account up to 18 KB of metadata.
 */
public interface KeptWeight {

    /** The text an aggregate holds per unit of weight, in UTF-16 code units (2 bytes each). */
    int CHARS_PER_UNIT = 512;

    int keptWeight();

    /** 1, plus a unit per 512 characters of metadata (keys and values) and of the other texts. */
    static int of(Map<String, String> metadata, String... texts) {
        return (int) Math.min(Integer.MAX_VALUE, 1 + ClientText.chars(metadata, texts) / CHARS_PER_UNIT);
    }
}
