package io.ledgerflow.servicekit.consistency;

import io.ledgerflow.servicekit.ids.RandomUuids;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and reads consistency tokens: {@code base64url(nonce, AES-256-GCM(the streams))}, with a key derived from the
 * one both services share.
 * <p>
 * Authenticated, so a caller cannot name streams it never wrote: a forged token could otherwise make the query side
 * wait on someone else's account and tell, by the wait, whether that account moved. Encrypted, because a token names
 * the other side of a transfer at its sequence, and another owner's sequence says how busy that account is. Each
 * sequence takes eight bytes whatever its value, so a token's length says nothing the caller did not send itself.
 */
public final class ConsistencyTokens {

    public static final int MAX_LENGTH = 8192;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_PURPOSE = "ledgerflow consistency token, AES-256-GCM".getBytes(StandardCharsets.UTF_8);
    private static final String ACCOUNT = "account/";
    private static final String TRANSFER = "transfer/";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /**
     * Per thread, a generator for the nonces and a cipher for each direction. {@code Cipher.getInstance} looks the
     * provider up every time, and a new cipher expands the AES key again; a thread's own cipher keeps the expanded key
     * and is only initialised with each token's nonce. (One JDK-wide {@code SecureRandom} also serialised every
     * command's token on its lock: {@link RandomUuids#newGenerator}.) Together about 1.5 % of the command-service's CPU per transfer.
     */
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(RandomUuids::newGenerator);
    private final ThreadLocal<Cipher> sealing = ThreadLocal.withInitial(ConsistencyTokens::newCipher);
    private final ThreadLocal<Cipher> opening = ThreadLocal.withInitial(ConsistencyTokens::newCipher);

    public ConsistencyTokens(byte[] sharedKey) {
        if (sharedKey.length < 32) {
            throw new IllegalArgumentException("a consistency token key has at least 32 bytes, not " + sharedKey.length);
        }
        this.key = new SecretKeySpec(derive(sharedKey), "AES");
    }

    public String issue(ConsistencyToken token) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.get().nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(encode(token));
            byte[] text = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, text, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, text, NONCE_BYTES, sealed.length);
            return ENCODER.encodeToString(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal " + token, e);
        }
    }

    /** The token, if this is one that a holder of the key issued; empty for anything else. */
    public Optional<ConsistencyToken> read(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            byte[] sealed = DECODER.decode(text);
            if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
            byte[] body = cipher(Cipher.DECRYPT_MODE, nonce).doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return Optional.of(decode(body));
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            return Optional.empty(); // not base64, not ours (the tag does not match), or not a token's content
        }
    }

    /** This thread's cipher for {@code mode}, initialised with the nonce: every use starts afresh, even after a failure. */
    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = (mode == Cipher.ENCRYPT_MODE ? sealing : opening).get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(CIPHER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + CIPHER, e);
        }
    }

    /** Per stream: its kind (0 account, 1 transfer), the id's length and ASCII bytes, the sequence in eight bytes. */
    private static byte[] encode(ConsistencyToken token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Map.Entry<String, Long> stream : token.streams().entrySet()) {
                boolean account = stream.getKey().startsWith(ACCOUNT);
                byte[] id = stream.getKey().substring(account ? ACCOUNT.length() : TRANSFER.length())
                        .getBytes(StandardCharsets.US_ASCII);
                out.writeByte(account ? 0 : 1);
                out.writeByte(id.length);
                out.write(id);
                out.writeLong(stream.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + token, e);
        }
        return bytes.toByteArray();
    }

    private static ConsistencyToken decode(byte[] body) throws IOException {
        Map<String, Long> streams = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            while (in.available() > 0) {
                int kind = in.readUnsignedByte();
                if (kind > 1) {
                    throw new IOException("unknown stream kind " + kind);
                }
                byte[] id = in.readNBytes(in.readUnsignedByte());
                streams.put((kind == 0 ? ACCOUNT : TRANSFER) + new String(id, StandardCharsets.US_ASCII), in.readLong());
            }
        }
        return new ConsistencyToken(streams);
    }

    /** The cipher's key, so that the configured secret itself is never used directly as an AES key. */
    private static byte[] derive(byte[] sharedKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sharedKey, "HmacSHA256"));
            return mac.doFinal(KEY_PURPOSE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
