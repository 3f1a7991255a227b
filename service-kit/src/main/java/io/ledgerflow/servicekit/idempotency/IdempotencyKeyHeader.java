package io.ledgerflow.servicekit.idempotency;

import java.util.List;
import java.util.Optional;

/** A valid key is one header of 1–255 visible ASCII characters (no spaces, no controls). */
public final class IdempotencyKeyHeader {

    public static final String HEADER = "Idempotency-Key";
    /** On a stored answer given again: {@code true}. */
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    public static Optional<String> problemWith(List<String> values) {
        if (values.size() != 1) {
            return Optional.of("send the header once");
        }
        String key = values.get(0);
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return Optional.of("must be 1 to " + MAX_LENGTH + " characters");
        }
        if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            return Optional.of("must be visible ASCII characters only (no spaces or control characters)");
        }
        return Optional.empty();
    }
}
