package io.ledgerflow.command.api;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountRepositoryConfig;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = "ledgerflow.snapshots.threshold=5")
class HotAccountSnapshotTest extends CommandServiceTest {

    @Autowired
    AccountRepositoryConfig.SnapshotThreads snapshotThreads;

    @Test
    void a_busy_account_is_snapshotted_and_loads_to_the_same_state_as_a_full_replay() {
        String a = openAccount("SEK");
        for (int i = 0; i < 12; i++) {
            assertThat(deposit(a, unique("dep"), 10 + i).status()).isEqualTo(201);
        }

        await().until(() -> jdbc.queryForObject("select count(*) from snapshotevententry where aggregateidentifier = ?",
                Long.class, "account/" + a) > 0);
        await().untilAsserted(() -> assertThat(snapshotThreads.snapshotsTaken()).as("taken off the request path")
                .isPositive());
        AccountSnapshot fromSnapshot = replayed(a).orElseThrow();

        assertThat(fromSnapshot.balances().posted()).isEqualTo(12 * 10 + 66);
        assertThat(fromSnapshot.version()).isEqualTo(13);
        assertThat(fromSnapshot.ownerId()).isEqualTo("alice");
        assertThat(fromSnapshot.openedAt()).isNotNull();
        jdbc.update("delete from snapshotevententry where aggregateidentifier = ?", "account/" + a);
        assertThat(replayed(a)).contains(fromSnapshot);
        assertThat(posted("@world:SEK")).isEqualTo(-(12 * 10 + 66));
    }
}
