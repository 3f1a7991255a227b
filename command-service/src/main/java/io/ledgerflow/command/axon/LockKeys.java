package io.ledgerflow.command.axon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The advisory-lock key of an event-store stream: the most significant 64 bits of the stream id's name-based UUID
 * ({@code UUID.nameUUIDFromBytes}), the value every instance, of any version, must agree on. Computed with one MD5
 * digest per thread, since looking a digest up by name costs as much as the digest itself, and sorted by keys
 * computed once per stream rather than once per comparison.
 */
final class LockKeys {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    private LockKeys() {
    }

    static long key(String streamId) {
        byte[] md5 = MD5.get().digest(streamId.getBytes(StandardCharsets.UTF_8));
        // the version (3) and variant bits that nameUUIDFromBytes sets; only byte 6 is in the upper half
        md5[6] &= 0x0f;
        md5[6] |= 0x30;
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (md5[i] & 0xff);
        }
        return bits;
    }

    /** The distinct streams in key order (equal keys, a 64-bit collision, by id, so every command agrees). */
    static List<String> inKeyOrder(Collection<String> streamIds) {
        Keyed[] keyed = streamIds.stream().distinct().map(id -> new Keyed(key(id), id)).toArray(Keyed[]::new);
        Arrays.sort(keyed, Comparator.comparingLong(Keyed::key).thenComparing(Keyed::streamId));
        return Arrays.stream(keyed).map(Keyed::streamId).toList();
    }

    private record Keyed(long key, String streamId) {
    }
}
