package io.ledgerflow.query.idempotency;

import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.idempotency.KeyEntry;
import io.ledgerflow.servicekit.idempotency.StoredResponse;
import io.ledgerflow.testkit.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The key store against the real MongoDB wire server, with a clock the test moves. */
class MongoKeyStoreTest extends ProjectionTestBase {

    private static final byte[] HASH = {1, 2, 3};
    private static final IdempotencyProperties PROPERTIES = new IdempotencyProperties(Duration.ofHours(24),
            Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofMinutes(5), 8, 64);
    private static final StoredResponse ANSWER = new StoredResponse(202,
            Map.of("Content-Type", List.of("application/json")), "{\"generation\":\"1\"}".getBytes());

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private MongoKeyStore keys;

    @BeforeEach
    void store() {
        keys = new MongoKeyStore(database.getCollection(MongoKeyStore.COLLECTION), PROPERTIES, clock);
        keys.createIndexes();
    }

    @Test
    void a_live_key_is_claimed_once_and_found_unanswered_until_its_answer_is_stored() {
        UUID owner = keys.claim("admin", "k", HASH).orElseThrow();

        assertThat(keys.claim("admin", "k", HASH)).isEmpty();
        KeyEntry running = keys.find("admin", "k").orElseThrow();
        assertThat(running.requestHash()).isEqualTo(HASH);
        assertThat(running.finished()).isFalse();

        assertThat(keys.complete("admin", "k", owner, ANSWER)).isTrue();
        StoredResponse stored = keys.find("admin", "k").orElseThrow().response();
        assertThat(stored.status()).isEqualTo(202);
        assertThat(stored.headers()).isEqualTo(ANSWER.headers());
        assertThat(stored.body()).isEqualTo(ANSWER.body());
        assertThat(keys.claim("admin", "k", HASH)).isEmpty();
    }

    @Test
    void keys_belong_to_their_caller() {
        assertThat(keys.claim("admin", "k", HASH)).isPresent();
        assertThat(keys.claim("other-admin", "k", HASH)).isPresent();
        // the separator cannot occur in a key, so no subject and key pair names another's document
        assertThat(keys.claim("admin\nk", "x", HASH)).isPresent();
    }

    @Test
    void only_the_owner_stores_the_answer_or_frees_the_key() {
        UUID owner = keys.claim("admin", "k", HASH).orElseThrow();

        assertThat(keys.complete("admin", "k", UUID.randomUUID(), ANSWER)).isFalse();
        keys.release("admin", "k", UUID.randomUUID());
        assertThat(keys.find("admin", "k")).isPresent();

        keys.release("admin", "k", owner);
        assertThat(keys.find("admin", "k")).isEmpty();
        assertThat(keys.claim("admin", "k", HASH)).isPresent();
    }

    @Test
    void an_unanswered_claim_is_free_again_after_abandon_after_and_an_answered_one_only_after_the_retention() {
        UUID abandoned = keys.claim("admin", "abandoned", HASH).orElseThrow();
        UUID answered = keys.claim("admin", "answered", HASH).orElseThrow();
        keys.complete("admin", "answered", answered, ANSWER);

        clock.advance(Duration.ofMinutes(4));
        assertThat(keys.claim("admin", "abandoned", HASH)).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        Optional<UUID> takenOver = keys.claim("admin", "abandoned", HASH);
        assertThat(takenOver).isPresent().isNotEqualTo(Optional.of(abandoned));
        assertThat(keys.complete("admin", "abandoned", abandoned, ANSWER)).as("the first owner lost it").isFalse();
        assertThat(keys.claim("admin", "answered", HASH)).isEmpty();

        clock.advance(Duration.ofHours(24));
        assertThat(keys.find("admin", "answered")).as("expired").isEmpty();
        assertThat(keys.claim("admin", "answered", new byte[]{9})).isPresent();
        assertThat(keys.find("admin", "answered").orElseThrow().requestHash()).containsExactly(9);
        assertThat(keys.find("admin", "answered").orElseThrow().finished()).isFalse();
    }

    @Test
    void the_purge_deletes_expired_keys_only() {
        keys.claim("admin", "old", HASH);
        clock.advance(Duration.ofHours(23));
        keys.claim("admin", "young", HASH);
        clock.advance(Duration.ofHours(2));

        assertThat(keys.purgeExpired()).isEqualTo(1);
        assertThat(database.getCollection(MongoKeyStore.COLLECTION).countDocuments()).isEqualTo(1);
        assertThat(keys.find("admin", "young")).isPresent();
    }

    @Test
    void of_eight_concurrent_claims_of_one_key_exactly_one_wins() throws Exception {
        ExecutorService claimants = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<UUID>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(claimants.submit(() -> {
                    start.await();
                    return keys.claim("admin", "contended", HASH);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Optional<UUID>> claim : claims) {
                won += claim.get().isPresent() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            claimants.shutdownNow();
        }
    }
}
