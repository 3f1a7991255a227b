package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers that wait for an account another instance holds do not hold up the transfers that arrive with them or
 * after them: a group gives up a lock wait after the group's lock wait (1 s) and its commands run alone on their own
 * requests' threads, and a sender never runs a command outside a group. Before, each of the two senders ran a lone
 * waiting transfer itself until the connection's lock timeout (5 s) answered it 503, and every other transfer
 * queued behind them. The connection's lock timeout is raised here, so that on a slow machine the waiting transfers
 * outlast the seconds the others take.
 */
@TestPropertySource(properties = "DATABASE_LOCK_TIMEOUT=60s")
class BusyAccountHoldsUpItsGroupBrieflyTest extends CommandServiceTest {

    private static final int WAITING = 4;
    private static final int OTHERS = 30;

    private final ExecutorService requests = Executors.newFixedThreadPool(WAITING + OTHERS);

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void stop() {
        requests.shutdownNow();
    }

    @Test
    void transfers_not_touching_a_busy_account_are_answered_while_it_is_still_held_and_the_waiting_ones_after()
            throws Exception {
        String busy = openAccount("USD");
        String payer = openAccount("USD");
        String source = openAccount("USD");
        List<String> free = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            free.add(openAccount("USD"));
        }
        assertThat(deposit(payer, unique("seed"), 1_000).status()).isEqualTo(201);
        assertThat(deposit(source, unique("seed"), 1_000).status()).isEqualTo(201);
        List<Future<Integer>> waiting = new ArrayList<>();
        List<Future<Integer>> others = new ArrayList<>();
        double givenUpBefore = groupsGivenUpOnLockWait();

        try (var held = AccountLockedElsewhere.lock(dataSource, busy)) {
            for (int i = 0; i < WAITING; i++) {
                String id = unique("to-busy");
                waiting.add(requests.submit(() -> transfer(id, payer, busy, 10, "USD").status()));
                Thread.sleep(100);
            }
            for (int i = 0; i < OTHERS; i++) {
                String id = unique("elsewhere");
                String to = free.get(i % free.size());
                others.add(requests.submit(() -> transfer(id, source, to, 10, "USD").status()));
            }
            for (Future<Integer> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(201);
            }
            assertThat(waiting).as("still waiting for the busy account, not given up on (503)")
                    .noneMatch(Future::isDone);
        }

        for (Future<Integer> transfer : waiting) {
            assertThat(transfer.get(10, TimeUnit.SECONDS)).isEqualTo(201);
        }
        assertThat(posted(busy)).isEqualTo(WAITING * 10);
        assertThat(posted(payer)).isEqualTo(1_000 - WAITING * 10);
        assertThat(posted(source)).isEqualTo(1_000 - OTHERS * 10);
        assertThat(groupsGivenUpOnLockWait()).as("each waiting transfer's group gave up on it at least once, counted")
                .isGreaterThanOrEqualTo(givenUpBefore + 1);
    }

    private double groupsGivenUpOnLockWait() {
        return meters.get("ledgerflow.commands.group.failed").tag("reason", "lock-wait").counter().count();
    }
}
