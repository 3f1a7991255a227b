package io.ledgerflow.command.axon;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.UnitsOfWork;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.Balances;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots taken from the account in memory, every 3 events here: stored only after a commit, each true at its own
 * version even when the kept account has changed since, and loaded back to the state a full replay gives.
 */
class KeptStateSnapshotsTest extends CommandServiceTest {

    private static final int THRESHOLD = 3;

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactionManager;

    /** Snapshots waiting to be stored, run by the test when it chooses. */
    private final List<Runnable> storing = new ArrayList<>();
    private StreamCheckedRepository<Account> repository;
    private String accountId;
    private String streamId;

    @BeforeEach
    void anOpenedAccountAtVersion0() {
        repository = StreamCheckedRepository.create(Account.class, eventStore, NoSnapshotTriggerDefinition.INSTANCE, 100)
                .snapshotting(new KeptStateSnapshots<>(THRESHOLD, Account::copyForSnapshot, eventStore, storing::add));
        accountId = openAccount("USD");
        streamId = StreamIds.account(accountId);
    }

    @Test
    void the_commit_that_reaches_the_threshold_stores_a_snapshot_at_its_version() {
        credit(1, 10);
        credit(1, 10);
        assertThat(storeWaiting()).as("versions 1 and 2").isZero();

        credit(1, 10);

        assertThat(storeWaiting()).isEqualTo(1);
        assertThat(snapshotSequences()).containsExactly(3L);
        assertThat(replayed(accountId).orElseThrow().balances().posted()).isEqualTo(30);
    }

    @Test
    void several_events_in_one_unit_of_work_give_one_snapshot_at_the_version_it_saved() {
        credit(4, 5);

        assertThat(storeWaiting()).isEqualTo(1);
        assertThat(snapshotSequences()).containsExactly(4L);
    }

    @Test
    void a_unit_of_work_that_rolls_back_leaves_no_snapshot() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        Aggregate<Account> account = repository.load(streamId);
        for (int i = 0; i < 2 * THRESHOLD; i++) {
            account.execute(a -> a.post(credited(a, 7)));
        }
        unitOfWork.rollback();

        assertThat(storeWaiting()).isZero();
        assertThat(snapshotSequences()).isEmpty();
    }

    @Test
    void a_snapshot_stored_after_the_account_changed_again_holds_its_own_versions_state() {
        credit(3, 100);
        credit(2, 1);
        assertThat(storing).as("the snapshot at version 3, not stored yet").hasSize(1);

        storeWaiting();

        assertThat(snapshotSequences()).containsExactly(3L);
        Long postedInSnapshot = jdbc.queryForObject("select convert_from(snapshotevententry.payload, 'UTF8')::jsonb "
                + "-> 'balances' ->> 'posted' from snapshotevententry where aggregateidentifier = ?", Long.class, streamId);
        assertThat(postedInSnapshot).as("posted at version 3, not 302").isEqualTo(300);
        assertThat(replayed(accountId).orElseThrow().balances().posted()).as("snapshot, then events 4 and 5")
                .isEqualTo(302);
        assertThat(replayed(accountId).orElseThrow().version()).isEqualTo(6);
    }

    @Test
    void the_copy_for_a_snapshot_has_every_field_of_the_account() throws IllegalAccessException {
        credit(2, 40);
        Account account = UnitsOfWork.inUnitOfWork(transactionManager,
                () -> repository.load(streamId).invoke(a -> a));

        Account copy = account.copyForSnapshot();

        assertThat(copy).isNotSameAs(account);
        for (Field field : Account.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(account));
            }
        }
    }

    private void credit(int events, long amount) {
        UnitsOfWork.inUnitOfWork(transactionManager, () -> {
            Aggregate<Account> account = repository.load(streamId);
            for (int i = 0; i < events; i++) {
                account.execute(a -> a.post(credited(a, amount)));
            }
            return null;
        });
    }

    private AccountCredited credited(Account account, long amount) {
        long posted = account.snapshot().balances().posted() + amount;
        return new AccountCredited(accountId, unique("t"), amount, new Balances(posted, 0, 0));
    }

    private int storeWaiting() {
        List<Runnable> waiting = List.copyOf(storing);
        storing.clear();
        waiting.forEach(Runnable::run);
        return waiting.size();
    }

    private List<Long> snapshotSequences() {
        return jdbc.queryForList("select sequencenumber from snapshotevententry where aggregateidentifier = ?",
                Long.class, streamId);
    }
}
