package io.ledgerflow.servicekit.idempotency;

import java.util.Optional;
import java.util.UUID;

/** Where a service keeps its keys: each claim is atomic, so concurrent requests with one key execute once. */
public interface KeyStore {

    /** The claim's owner token when the key was free (never used, expired, or abandoned past abandon-after). */
    Optional<UUID> claim(String subject, String key, byte[] requestHash);

    /** The key as another request left it, while it lives: the request it was used for and, once answered, the answer. */
    Optional<KeyEntry> find(String subject, String key);

    /**
     * The claim's owner token when the store can tell that the key's request stopped without an answer before
     * abandon-after; a store that cannot tell leaves the key to {@link #claim} after abandon-after.
     */
    default Optional<UUID> takeOverIfOrphaned(String subject, String key, byte[] requestHash) {
        return Optional.empty();
    }
}
