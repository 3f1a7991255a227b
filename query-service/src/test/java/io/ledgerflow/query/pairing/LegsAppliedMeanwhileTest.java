package io.ledgerflow.query.pairing;

import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.account.AccountView;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.support.Projections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances settle the legs of one account while the other applies more of them: a pair is settled only after
 * every earlier leg of both its accounts, whatever another instance applied between two reads of the one settling.
 */
class LegsAppliedMeanwhileTest extends ProjectionTestBase {

    private final RunBeforeAccountsRead beforeAccountsRead = new RunBeforeAccountsRead();
    private MongoClient watchedClient;
    private Projections here;
    private Projections elsewhere;
    private ProjectionCollections collections;
    private AccountQueries accounts;

    @BeforeEach
    void twoInstances() {
        watchedClient = Infrastructure.mongoClientWatchedBy(beforeAccountsRead);
        here = new Projections(watchedClient.getDatabase(database.getName()));
        elsewhere = projections;
        collections = new ProjectionCollections(database);
        accounts = new AccountQueries(collections, new SettledCuts(collections));
    }

    @AfterEach
    void closeWatchedClient() {
        watchedClient.close();
    }

    @Test
    void legs_applied_elsewhere_while_a_settled_pair_looks_for_its_next_legs_are_not_skipped() {
        List<EventEnvelope> opened = List.of(stream.open("a", "owner", "EUR"), stream.open("b", "owner", "EUR"),
                stream.open("x", "owner", "EUR"), stream.open("y", "owner", "EUR"));
        List<EventEnvelope> first = stream.transfer("t-1", "a", "x", 100);
        List<EventEnvelope> second = stream.transfer("t-2", "b", "x", 200);
        List<EventEnvelope> third = stream.transfer("t-3", "y", "x", 300);
        here.apply(opened);
        // t-1 settles here, which then finds no next leg on x and reads how far x has gone; meanwhile x takes t-2
        // (whose debit on b is still to come) and t-3, complete
        beforeAccountsRead.arm(() -> elsewhere.apply(List.of(second.get(2), third.get(1), third.get(2))));

        here.apply(first);

        assertThat(beforeAccountsRead.ran()).as("the other instance applied its legs in between").isTrue();
        assertThat(StoredPairsCheck.violations(collections)).isEmpty();
        assertThat(shown("y").posted()).as("t-3 waits for t-2 on x").isZero();
        assertThat(shown("x").posted()).isEqualTo(100);

        elsewhere.apply(second.get(1));

        assertThat(StoredPairsCheck.violations(collections)).isEmpty();
        assertThat(List.of("a", "b", "x", "y")).map(id -> shown(id).posted()).containsExactly(-100L, -200L, 600L,
                -300L);
    }

    @Test
    void a_leg_behind_an_event_that_is_no_leg_waits_for_the_legs_below_it() {
        List<EventEnvelope> opened = List.of(stream.open("a", "owner", "EUR"), stream.open("b", "owner", "EUR"),
                stream.open("c", "owner", "EUR"), stream.open("w", "owner", "EUR"), stream.open("x", "owner", "EUR"));
        List<EventEnvelope> funding = stream.transfer("t-0", "w", "x", 1_000);
        List<EventEnvelope> toA = stream.transfer("t-a", "x", "a", 100);
        List<EventEnvelope> toC = stream.transfer("t-c", "x", "c", 200);
        EventEnvelope frozen = stream.freeze("x");
        List<EventEnvelope> toB = stream.transfer("t-b", "x", "b", 300);
        elsewhere.apply(opened);
        elsewhere.apply(funding);
        elsewhere.apply(List.of(toA.get(1), toC.get(1), frozen, toB.get(1)));

        // one settle step looks up the legs before x's legs of t-a (v3) and t-b (v6, after the freeze) at once
        here.apply(List.of(toA.get(2), toB.get(2)));

        assertThat(StoredPairsCheck.violations(collections)).isEmpty();
        assertThat(shown("a").posted()).isEqualTo(100);
        assertThat(shown("b").posted()).as("t-b waits for t-c on x").isZero();

        here.apply(toC.get(2));

        assertThat(List.of("a", "b", "c", "x")).map(id -> shown(id).posted()).containsExactly(100L, 300L, 200L,
                400L);
    }

    private AccountView shown(String id) {
        return accounts.find(id, ReadScope.everything()).orElseThrow();
    }

    /** Runs a task, once, just before this client's next {@code find} on the accounts. */
    private static final class RunBeforeAccountsRead implements CommandListener {

        private final AtomicReference<Runnable> task = new AtomicReference<>();
        private final AtomicBoolean ran = new AtomicBoolean();

        void arm(Runnable next) {
            task.set(next);
        }

        boolean ran() {
            return ran.get();
        }

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")
                    && event.getCommand().getString("find").getValue().equals(ProjectionCollections.ACCOUNTS)) {
                Runnable next = task.getAndSet(null);
                if (next != null) {
                    next.run();
                    ran.set(true);
                }
            }
        }
    }
}
