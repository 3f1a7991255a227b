package io.ledgerflow.servicekit.consistency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and reads consistency tokens: {@code base64url(JSON of the streams) "." base64url(HMAC-SHA256)}. The MAC,
 * with a key both services share, keeps a caller from naming streams it never wrote: a forged token could otherwise
 * make the query side wait on someone else's account and tell, by the wait, whether that account moved.
 */
public final class ConsistencyTokens {

    public static final int MAX_LENGTH = 8192;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final TypeReference<Map<String, Long>> STREAMS = new TypeReference<>() {
    };

    private final SecretKeySpec key;
    private final ObjectMapper json = new ObjectMapper();

    public ConsistencyTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a consistency token key has at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String issue(ConsistencyToken token) {
        try {
            byte[] body = json.writeValueAsBytes(token.streams());
            return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + token, e);
        }
    }

    /** The token, if this is one that a holder of the key issued; empty for anything else. */
    public Optional<ConsistencyToken> read(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] body = DECODER.decode(text.substring(0, dot));
            byte[] signature = DECODER.decode(text.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(body))) {
                return Optional.empty();
            }
            return Optional.of(new ConsistencyToken(json.readValue(body, STREAMS)));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }
}
