package io.ledgerflow.query.entries;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next statement page starts: the position of the last entry returned, and the order walked.
 * Opaque to clients (URL-safe base64); only its encoding here is a contract.
 */
public record EntryCursor(SortOrder order, long afterPosition) {

    private static final Pattern FORMAT = Pattern.compile("(asc|desc):(\\d{1,18})");

    public String encode() {
        String plain = order.wireName() + ":" + afterPosition;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<EntryCursor> decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Matcher matcher = FORMAT.matcher(plain);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            SortOrder order = SortOrder.valueOf(matcher.group(1).toUpperCase(java.util.Locale.ROOT));
            return Optional.of(new EntryCursor(order, Long.parseLong(matcher.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
