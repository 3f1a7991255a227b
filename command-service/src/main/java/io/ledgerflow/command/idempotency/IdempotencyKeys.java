package io.ledgerflow.command.idempotency;

import io.ledgerflow.servicekit.idempotency.StoredResponse;
import io.ledgerflow.servicekit.idempotency.KeyEntry;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.idempotency.KeyStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code idempotency_keys} table. Every statement runs on its own (auto-commit), with the database's clock, so
 * instances agree on expiry; a claim is one atomic insert, which is what makes concurrent requests execute once.
 */
class IdempotencyKeys implements KeyStore {

    private static final int PURGE_BATCH = 5_000;
    /**
     * A key's advisory lock, in the two-number space apart from the ledger's: ("LI", hash of subject and key); its
     * parameters are the subject and the key.
     */
    private static final String KEY_LOCK = 0x4c49 + ", hashtext(? || chr(10) || ?)";
    /** Takes the key's lock until the transaction ends (parameters: subject, key). */
    static final String HOLD_KEY_LOCK = "SELECT 1 FROM pg_advisory_xact_lock(" + KEY_LOCK + ")";
    private static final String COMPLETE = """
            UPDATE idempotency_keys SET status = ?, headers = ?::jsonb, body = ?,
                expires_at = now() + make_interval(secs => ?)
            WHERE subject = ? AND idem_key = ? AND owner = ?
            """;
    /** An unanswered claim younger than this is never taken as orphaned: its request may not have begun yet. */
    private static final double ORPHAN_AFTER_SECONDS = 1.0;
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final IdempotencyProperties properties;

    IdempotencyKeys(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /** The claim's owner token when the key was free (never used, expired, or abandoned by a dead instance). */
    @Override
    public Optional<UUID> claim(String subject, String key, byte[] requestHash) {
        UUID owner = UUID.randomUUID();
        int claimed = jdbc.update("""
                INSERT INTO idempotency_keys (subject, idem_key, request_hash, owner, claimed_at, expires_at)
                VALUES (?, ?, ?, ?, now(), now() + make_interval(secs => ?))
                ON CONFLICT (subject, idem_key) DO UPDATE SET request_hash = excluded.request_hash,
                    owner = excluded.owner, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at,
                    status = NULL, headers = NULL, body = NULL
                WHERE idempotency_keys.expires_at <= now()
                   OR (idempotency_keys.status IS NULL
                       AND idempotency_keys.claimed_at <= now() - make_interval(secs => ?))
                """, subject, key, requestHash, owner, seconds(properties.retention()),
                seconds(properties.abandonAfter()));
        return claimed == 1 ? Optional.of(owner) : Optional.empty();
    }

    /**
     * The claim's owner token when the key was claimed and left without an answer by a request that no longer runs:
     * its transaction ended without storing one (a commit that failed, an instance killed) and nobody settled it, so
     * nobody holds its advisory lock ({@link #holdWhileRunning}). One statement: the lock is tried and released in it.
     */
    @Override
    public Optional<UUID> takeOverIfOrphaned(String subject, String key, byte[] requestHash) {
        UUID owner = UUID.randomUUID();
        int taken = jdbc.update("""
                UPDATE idempotency_keys SET owner = ?, claimed_at = now()
                WHERE subject = ? AND idem_key = ? AND request_hash = ? AND status IS NULL AND expires_at > now()
                  AND claimed_at <= now() - make_interval(secs => ?)
                  AND pg_try_advisory_xact_lock(%s)
                """.formatted(KEY_LOCK), owner, subject, key, requestHash, ORPHAN_AFTER_SECONDS, subject, key);
        return taken == 1 ? Optional.of(owner) : Optional.empty();
    }

    /**
     * Inside the request's transaction, first: holds the key's advisory lock until that transaction ends, which tells
     * a retry the request still runs; false when the key is no longer this owner's (a retry took it over before).
     */
    boolean holdWhileRunning(String subject, String key, UUID owner) {
        jdbc.queryForObject(HOLD_KEY_LOCK, Integer.class, subject, key);
        // a statement of its own: its snapshot is taken after the lock was granted
        Integer held = jdbc.queryForObject("""
                SELECT count(*) FROM idempotency_keys
                WHERE subject = ? AND idem_key = ? AND owner = ? AND status IS NULL
                """, Integer.class, subject, key, owner);
        return held != null && held == 1;
    }

    /**
     * {@link #holdWhileRunning} for several keys at once, as a group does: their locks in one statement (in the order of
     * their lock numbers, as any other group takes them), then one check that every claim is still its owner's.
     */
    boolean holdAllWhileRunning(List<KeyedAttempt> attempts) {
        String[] subjects = attempts.stream().map(KeyedAttempt::subject).toArray(String[]::new);
        String[] keys = attempts.stream().map(KeyedAttempt::key).toArray(String[]::new);
        UUID[] owners = attempts.stream().map(KeyedAttempt::owner).toArray(UUID[]::new);
        jdbc.queryForList("""
                SELECT 1 FROM (SELECT s, k FROM unnest(?::text[], ?::text[]) AS c(s, k)
                               ORDER BY hashtext(s || chr(10) || k)) AS ordered,
                     LATERAL pg_advisory_xact_lock(%d, hashtext(ordered.s || chr(10) || ordered.k))
                """.formatted(0x4c49), Integer.class, subjects, keys);
        Integer held = jdbc.queryForObject("""
                SELECT count(*) FROM idempotency_keys
                JOIN unnest(?::text[], ?::text[], ?::uuid[]) AS c(s, k, o)
                  ON subject = c.s AND idem_key = c.k AND owner = c.o
                WHERE status IS NULL
                """, Integer.class, subjects, keys, owners);
        return held != null && held == attempts.size();
    }

    /** {@link #complete} for several keys in one round trip; false when any key is no longer its owner's. */
    boolean completeAll(Map<KeyedAttempt, StoredResponse> answers) {
        List<Object[]> rows = answers.entrySet().stream().map(entry -> new Object[]{entry.getValue().status(),
                write(entry.getValue().headers()), entry.getValue().body(), seconds(properties.retention()),
                entry.getKey().subject(), entry.getKey().key(), entry.getKey().owner()}).toList();
        int[] updated = jdbc.batchUpdate(COMPLETE, rows);
        return Arrays.stream(updated).allMatch(count -> count == 1);
    }

    @Override
    public Optional<KeyEntry> find(String subject, String key) {
        return jdbc.query("""
                SELECT request_hash, status, headers::text AS headers, body FROM idempotency_keys
                WHERE subject = ? AND idem_key = ? AND expires_at > now()
                """, (row, n) -> {
            int status = row.getInt("status");
            StoredResponse response = row.wasNull() ? null
                    : new StoredResponse(status, headers(row.getString("headers")), row.getBytes("body"));
            return new KeyEntry(row.getBytes("request_hash"), response);
        }, subject, key).stream().findFirst();
    }

    /**
     * Stores the answer, kept for the retention period from now; false when the key is no longer this owner's
     * (another request took it over). Inside a request's transaction it commits with the command's events.
     */
    boolean complete(String subject, String key, UUID owner, StoredResponse response) {
        return 1 == jdbc.update(COMPLETE, response.status(), write(response.headers()), response.body(),
                seconds(properties.retention()), subject, key, owner);
    }

    /**
     * Frees the key: the request produced no answer worth keeping, so a retry executes. Never an answered key: a
     * commit whose fate was lost may still be in flight, holding the row, and the delete that waited on it must not
     * then remove the answer it stored (a retry would execute the command again). False when nothing was freed.
     */
    boolean release(String subject, String key, UUID owner) {
        return 1 == jdbc.update("DELETE FROM idempotency_keys WHERE subject = ? AND idem_key = ? AND owner = ?"
                + " AND status IS NULL", subject, key, owner);
    }

    /** Deletes expired keys in short batches, so that no purge holds many row locks at once; the count deleted. */
    int purgeExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
                        SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT ?))
                    """, PURGE_BATCH);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String write(Map<String, List<String>> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, List<String>> headers(String stored) {
        try {
            return json.readValue(stored, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored headers", e);
        }
    }
}
