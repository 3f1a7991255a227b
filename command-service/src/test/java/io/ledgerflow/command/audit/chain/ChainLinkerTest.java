package io.ledgerflow.command.audit.chain;

import io.ledgerflow.events.audit.HashChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChainLinkerTest extends ChainTest {

    @BeforeEach
    void history() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        transfer(unique("t"), a, b, 400, "USD");
    }

    @Test
    void a_clean_history_is_linked_in_global_order_exactly_as_recomputed_from_the_stored_events() {
        long last = lastPosition();

        linker(Duration.ofSeconds(1), 3).catchUp();

        ChainHead head = links.head();
        assertThat(head.position()).isEqualTo(last);
        Map<Long, String> recomputed = recomputed(last);
        assertThat(storedLinks()).containsExactlyEntriesOf(recomputed);
        assertThat(head.hash()).isEqualTo(recomputed.get(last));
    }

    @Test
    void an_open_transaction_holding_a_position_stops_the_chain_there_until_it_commits() throws Exception {
        ChainLinker linker = linker(Duration.ofMillis(100), 1000);
        linker.catchUp();
        long held;
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            held = insertEvent(open);
            long after = insertCommittedEvent();
            assertThat(after).isGreaterThan(held);

            linker.catchUp();
            Thread.sleep(300); // well past the grace: only the open transaction keeps the hole
            linker.catchUp();

            assertThat(links.head().position()).isEqualTo(held - 1);
            assertThat(links.at(after)).isEmpty();

            open.commit();
        }
        linker.catchUp();

        assertThat(links.at(held)).as("linked in its place").isPresent();
        long last = lastPosition();
        assertThat(links.head().position()).isEqualTo(last);
        assertThat(storedLinks()).containsExactlyEntriesOf(recomputed(last));
    }

    @Test
    void a_rolled_back_position_is_passed_once_the_grace_has_run_out() throws Exception {
        ChainLinker linker = linker(Duration.ofMillis(500), 1000);
        linker.catchUp();
        long hole;
        try (Connection rolledBack = dataSource.getConnection()) {
            rolledBack.setAutoCommit(false);
            hole = insertEvent(rolledBack);
            rolledBack.rollback();
        }
        long after = insertCommittedEvent();

        linker.catchUp();
        assertThat(links.head().position()).as("within the grace the hole holds the chain").isEqualTo(hole - 1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    linker.catchUp();
                    return links.head().position() >= after;
                });
        assertThat(links.at(hole)).isEmpty();
        assertThat(links.at(after)).isPresent();
        assertThat(storedLinks()).containsExactlyEntriesOf(recomputed(after));
    }

    @Test
    void a_new_linker_on_the_same_database_resumes_from_the_stored_head() throws Exception {
        linker(Duration.ofSeconds(1), 1000).catchUp();
        ChainHead before = links.head();
        long next = insertCommittedEvent();
        insertCommittedEvent();

        ChainLinker restarted = linker(Duration.ofSeconds(1), 1000);
        restarted.catchUp();

        long[] first = {0};
        String[] expected = {null};
        transactions.executeWithoutResult(status -> events.forEachInRange(before.position(), next, 1, event -> {
            first[0] = event.position();
            expected[0] = HashChain.link(before.hash(), event);
        }));
        assertThat(first[0]).isEqualTo(next);
        assertThat(links.at(next)).contains(expected[0]);
        assertThat(storedLinks()).containsExactlyEntriesOf(recomputed(lastPosition()));
    }

    @Test
    void linkers_racing_on_one_database_never_link_a_position_twice_nor_fork() throws Exception {
        for (int i = 0; i < 60; i++) {
            insertCommittedEvent();
        }
        long last = lastPosition();
        int linkedBefore = storedLinks().size();
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ChainLinker racer = linker(Duration.ofSeconds(1), 7);
            racers.add(() -> {
                int linked = 0;
                while (links.head().position() < last) {
                    linked += (int) racer.catchUp();
                }
                return linked;
            });
        }

        List<Integer> linked = runAll(racers, 4);

        Map<Long, String> stored = storedLinks();
        assertThat(linked.stream().mapToInt(Integer::intValue).sum()).as("each event linked by exactly one racer")
                .isEqualTo(stored.size() - linkedBefore);
        assertThat(stored).containsExactlyEntriesOf(recomputed(last));
    }
}
