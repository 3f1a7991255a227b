package io.ledgerflow.query.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page of dead letters starts: the first record not listed yet. The list walks the partitions in
 * order, each from its oldest record, so a dead letter added while a client pages is listed once, at the end of
 * its partition. Opaque to clients (URL-safe base64).
 */
record DeadLetterCursor(DeadLetterId from) {

    static final DeadLetterCursor START = new DeadLetterCursor(new DeadLetterId(0, 0));

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(from.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Optional<DeadLetterCursor> decode(String cursor) {
        if (cursor.length() > 64) {
            return Optional.empty();
        }
        try {
            return DeadLetterId.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8))
                    .map(DeadLetterCursor::new);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
