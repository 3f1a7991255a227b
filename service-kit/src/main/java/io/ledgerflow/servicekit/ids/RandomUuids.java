package io.ledgerflow.servicekit.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs from a strong generator of the calling thread's own. {@link UUID#randomUUID()} draws
 * every id from one JDK-wide {@code SecureRandom} behind a lock; with a message id for every command and event and a
 * correlation id for every request, request threads queued on that lock (see the profile in
 * infra/benchmarks/results).
 */
public final class RandomUuids {

    private static final ThreadLocal<SecureRandom> GENERATOR = ThreadLocal.withInitial(RandomUuids::newGenerator);

    private RandomUuids() {
    }

    public static UUID next() {
        byte[] bytes = new byte[16];
        GENERATOR.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the IETF variant
        return new UUID(toLong(bytes, 0), toLong(bytes, 8));
    }

    private static long toLong(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    /**
     * A DRBG seeded from the system's entropy, for one thread to keep; the platform default where DRBG is missing.
     * (The default on Linux, NativePRNG, reads through one JVM-wide lock, however many instances there are.)
     */
    public static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
