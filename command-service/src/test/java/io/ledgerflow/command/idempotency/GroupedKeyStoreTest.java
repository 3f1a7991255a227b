package io.ledgerflow.command.idempotency;

import io.ledgerflow.servicekit.idempotency.StoredResponse;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.web.KeyedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group holds and answers all its keyed requests' keys with a statement or two ({@link GroupedKeyStore}), and must
 * still see the one claim among them that a retry took over, as each request alone would.
 */
class GroupedKeyStoreTest extends CommandServiceTest {

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void holds_every_key_of_a_group_and_stores_every_answer_when_all_claims_are_still_their_owners() {
        List<KeyedRequest> claims = List.of(claim("a"), claim("b"), claim("c"));
        Map<KeyedRequest, Object> answers = answers(claims);

        Boolean stored = inTransaction(() -> store().holdAll(claims) && store().storeAll(answers));

        assertThat(stored).isTrue();
        for (KeyedRequest claim : claims) {
            KeyedAttempt attempt = (KeyedAttempt) claim;
            assertThat(keys.find(attempt.subject(), attempt.key())).get()
                    .satisfies(entry -> assertThat(entry.response().status()).isEqualTo(201));
        }
    }

    @Test
    void a_group_with_one_key_taken_over_holds_nothing_and_stores_nothing() {
        KeyedAttempt takenOver = claim("taken");
        List<KeyedRequest> claims = List.of(claim("a"), takenOver, claim("c"));
        jdbc.update("UPDATE idempotency_keys SET owner = ? WHERE subject = ? AND idem_key = ?", UUID.randomUUID(),
                takenOver.subject(), takenOver.key());

        assertThat(inTransaction(() -> store().holdAll(claims))).as("held").isFalse();
        assertThat(inTransaction(() -> store().storeAll(answers(claims)))).as("stored").isFalse();
    }

    @Test
    void holding_the_keys_takes_each_keys_lock_until_the_transaction_ends() {
        KeyedAttempt claim = claim("locked");

        Boolean tried = inTransaction(() -> {
            store().holdAll(List.of(claim));
            return jdbc.queryForObject("SELECT count(*) = 1 FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND classid = 19529 AND objid = hashtext(? || chr(10) || ?)::oid AND granted",
                    Boolean.class, claim.subject(), claim.key());
        });

        assertThat(tried).as("the key's advisory lock is held inside the transaction").isTrue();
    }

    private GroupedKeyStore store() {
        return new GroupedKeyStore(keys);
    }

    private KeyedAttempt claim(String name) {
        String subject = "alice";
        String key = unique("grouped-" + name);
        UUID owner = keys.claim(subject, key, new byte[]{1, 2, 3}).orElseThrow();
        return new KeyedAttempt(keys, transactionManager, subject, key, owner);
    }

    private static Map<KeyedRequest, Object> answers(List<KeyedRequest> claims) {
        Map<KeyedRequest, Object> answers = new LinkedHashMap<>();
        claims.forEach(claim -> answers.put(claim, new StoredResponse(201,
                Map.of("Content-Type", List.of("application/json")), "{}".getBytes())));
        return answers;
    }

    private <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }
}
