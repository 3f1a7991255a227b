package io.ledgerflow.command.audit.reconciliation;

import io.ledgerflow.command.audit.AuditApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts replayed from the real event store, at any of their versions, from the payloads as Axon stores them. */
class AccountStreamsTest extends AuditApiTest {

    @Autowired
    AccountStreams streams;

    @Test
    void an_account_replays_to_its_facts_after_each_sequence() {
        String account = openAccount("USD");
        String other = openAccount("USD");
        deposit(account, unique("dep"), 10_000);
        anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + account + "/freeze", "");
        transfer(unique("t"), other, account, 0, "USD"); // refused: nothing stored for the account
        pendingTransfer(unique("p"), account, other, 2_500, null); // frozen: refused as well

        Map<String, StoredAccount> atOpening = streams.replay(Map.of(account, 0L, other, 0L));
        Map<String, StoredAccount> afterDeposit = streams.replay(Map.of(account, 1L));
        Map<String, StoredAccount> afterFreeze = streams.replay(Map.of(account, 2L));

        assertThat(atOpening.get(account)).isEqualTo(new StoredAccount(account, 2,
                new AccountFacts("alice", "USD", "OPEN", 0L, 0L, 0L, 0L)));
        assertThat(atOpening.get(other).lastSequence()).isZero();
        assertThat(afterDeposit.get(account).facts()).isEqualTo(
                new AccountFacts("alice", "USD", "OPEN", 0L, 10_000L, 0L, 0L));
        assertThat(afterFreeze.get(account).facts()).isEqualTo(
                new AccountFacts("alice", "USD", "FROZEN", 0L, 10_000L, 0L, 0L));
    }

    @Test
    void pending_amounts_are_replayed_and_a_version_beyond_the_stream_has_no_facts() {
        String account = openAccount("USD");
        String other = openAccount("USD");
        deposit(account, unique("dep"), 5_000);
        assertThat(pendingTransfer(unique("p"), account, other, 1_200, null).status()).isEqualTo(201);

        StoredAccount debitSide = streams.replay(Map.of(account, 2L)).get(account);
        StoredAccount creditSide = streams.replay(Map.of(other, 1L)).get(other);
        StoredAccount beyond = streams.replay(Map.of(other, 5L)).get(other);

        assertThat(debitSide.facts()).isEqualTo(new AccountFacts("alice", "USD", "OPEN", 0L, 5_000L, 1_200L, 0L));
        assertThat(creditSide.facts()).isEqualTo(new AccountFacts("alice", "USD", "OPEN", 0L, 0L, 0L, 1_200L));
        assertThat(beyond).isEqualTo(new StoredAccount(other, 1, null));
        assertThat(streams.replay(Map.of("never-opened", 0L))).isEmpty();
    }

    /** Found by a black-box probe: the replay took the balances the newest event carries, so this went unseen. */
    @Test
    void balances_are_replayed_from_the_amounts_so_an_amount_changed_in_the_store_shows() throws Exception {
        String account = openAccount("USD");
        assertThat(deposit(account, unique("dep"), 1_000).status()).isEqualTo(201);
        long credited = history("accounts", account).get(1).path("position").asLong();
        awaitLinked(credited); // the chain keeps the untouched event
        byte[] original = jdbc.queryForObject("select payload from domainevententry where globalindex = ?",
                byte[].class, credited);

        StoredAccount altered;
        try {
            jdbc.update("update domainevententry set payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')"
                    + "::jsonb, '{amount}', '1001')::text, 'UTF8') where globalindex = ?", credited);
            altered = streams.replay(Map.of(account, 1L)).get(account);
        } finally {
            jdbc.update("update domainevententry set payload = ? where globalindex = ?", original, credited);
        }

        assertThat(altered.facts().posted()).as("its credit's amount, not the balances it carries (1,000)")
                .isEqualTo(1_001L);
        assertThat(streams.replay(Map.of(account, 1L)).get(account).facts().posted()).isEqualTo(1_000L);
    }

    @Test
    void the_opened_accounts_up_to_a_position_are_listed_once_each() {
        String before = openAccount("USD");
        deposit(before, unique("dep"), 100);
        long position = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        String after = openAccount("USD");

        List<String> opened = new ArrayList<>();
        streams.forEachOpened(position, opened::add);

        assertThat(opened).contains(before, "@world:USD").doesNotContain(after).doesNotHaveDuplicates();
    }
}
