package io.ledgerflow.query.transfer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of transfers starts: the creation time (epoch milliseconds) and id of the last transfer
 * returned. The list is ordered by both, newest first, so a transfer projected while a client pages is either
 * before the cursor (not shown) or after it (shown once), never shown twice. Opaque to clients (URL-safe base64).
 */
public record TransferCursor(long createdAtMillis, String id) {

    private static final Pattern FORMAT = Pattern.compile("(-?\\d{1,18}):(.{1,128})");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAtMillis + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<TransferCursor> decode(String cursor) {
        try {
            Matcher matcher = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (!matcher.matches()) {
                return Optional.empty();
            }
            return Optional.of(new TransferCursor(Long.parseLong(matcher.group(1)), matcher.group(2)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
