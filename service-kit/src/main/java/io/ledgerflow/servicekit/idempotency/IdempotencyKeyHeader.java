package io.ledgerflow.command.idempotency;

import java.util.List;
import java.util.Optional;

/** A valid key is one header of 1–255 visible ASCII characters (no spaces, no controls). */
final class IdempotencyKeyHeader {

    static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    static Optional<String> problemWith(List<String> values) {
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
