package io.ledgerflow.query.account;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page of the account list starts: after the id of the last account returned. Opaque to clients
 * (URL-safe base64 of {@code after:<id>}); only its encoding here is a contract.
 */
public record AccountCursor(String afterId) {

    private static final String PREFIX = "after:";
    /** Longer than any account id (64) or settlement account id, shorter than anything abusive. */
    private static final int MAX_ID_LENGTH = 128;

    public String encode() {
        byte[] plain = (PREFIX + afterId).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
    }

    public static Optional<AccountCursor> decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            String plain = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (!plain.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String id = plain.substring(PREFIX.length());
            if (id.isEmpty() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
                return Optional.empty();
            }
            return Optional.of(new AccountCursor(id));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
