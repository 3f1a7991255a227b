package io.ledgerflow.command.axon;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.UnitsOfWork;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's account repository keeps aggregates in memory; these tests change the stream behind its back, as
 * another command-service instance would, and roll a unit of work (or the transaction it took part in) back after
 * changing a kept aggregate in place.
 */
class StreamCheckedRepositoryTest extends CommandServiceTest {

    @Autowired
    Repository<Account> accountRepository;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    PlatformTransactionManager platformTransactions;

    private String accountId;
    private String streamId;

    @BeforeEach
    void fundedAccount() {
        accountId = openAccount("USD");
        streamId = StreamIds.account(accountId);
        assertThat(deposit(accountId, unique("dep"), 500).status()).isEqualTo(201);
    }

    @Test
    void an_unchanged_stream_is_served_from_memory() {
        Account first = inUnitOfWork(() -> accountRepository.load(streamId).invoke(account -> account));
        Account second = inUnitOfWork(() -> accountRepository.load(streamId).invoke(account -> account));

        assertThat(second).as("the same aggregate, not read again").isSameAs(first);
        assertThat(second.snapshot().balances().posted()).isEqualTo(500);
    }

    @Test
    void an_event_appended_by_another_instance_is_seen_on_the_next_load() {
        AccountSnapshot before = load(accountRepository);

        long next = appendedByAnotherInstance(70, 570);

        AccountSnapshot after = load(accountRepository);
        assertThat(before.balances().posted()).isEqualTo(500);
        assertThat(after.balances().posted()).isEqualTo(570);
        assertThat(inUnitOfWork(() -> accountRepository.load(streamId).version())).isEqualTo(next);
    }

    @Test
    void another_instances_own_cache_is_checked_too() {
        Repository<Account> otherInstance = StreamCheckedRepository.create(Account.class, eventStore,
                NoSnapshotTriggerDefinition.INSTANCE, 100);
        assertThat(load(otherInstance).balances().posted()).isEqualTo(500);

        assertThat(deposit(accountId, unique("dep"), 25).status()).isEqualTo(201);

        assertThat(load(otherInstance).balances().posted()).isEqualTo(525);
    }

    @Test
    void a_kept_aggregate_changed_in_a_unit_of_work_that_rolls_back_is_read_again() {
        load(accountRepository);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        Aggregate<Account> account = accountRepository.load(streamId);
        account.execute(a -> a.post(new AccountCredited(accountId, "rolled-back", 1_000, new Balances(1_500, 0, 0))));
        assertThat(account.invoke(Account::snapshot).balances().posted()).isEqualTo(1_500);
        unitOfWork.rollback();

        assertThat(load(accountRepository).balances().posted()).isEqualTo(500);
    }

    @Test
    void a_kept_aggregate_changed_in_a_transaction_that_rolls_back_after_its_unit_of_work_committed_is_read_again() {
        load(accountRepository);
        // a keyed request: its unit of work takes part in the request's transaction, which then rolls back
        new TransactionTemplate(platformTransactions).executeWithoutResult(transaction -> {
            inUnitOfWork(() -> {
                accountRepository.load(streamId).execute(a -> a.post(
                        new AccountCredited(accountId, "rolled-back", 1_000, new Balances(1_500, 0, 0))));
                return null;
            });
            transaction.setRollbackOnly();
        });

        appendedByAnotherInstance(70, 570);

        assertThat(load(accountRepository).balances().posted())
                .as("the stream's version matches the rolled-back state's; its balance must not")
                .isEqualTo(570);
    }

    @Test
    void a_load_between_a_rolled_back_transactions_end_and_its_clean_up_reads_the_stream_again() throws Exception {
        load(accountRepository);
        AtomicReference<AccountSnapshot> seenMeanwhile = new AtomicReference<>();
        new TransactionTemplate(platformTransactions).executeWithoutResult(transaction -> {
            // runs after the database rolled back and before anything registered later: another instance appends,
            // and a command of this instance loads the account, in that moment
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    seenMeanwhile.set(CompletableFuture.supplyAsync(() -> {
                        appendedByAnotherInstance(70, 570);
                        return load(accountRepository);
                    }).join());
                }
            });
            inUnitOfWork(() -> {
                accountRepository.load(streamId).execute(a -> a.post(
                        new AccountCredited(accountId, "rolled-back", 1_000, new Balances(1_500, 0, 0))));
                return null;
            });
            transaction.setRollbackOnly();
        });

        assertThat(seenMeanwhile.get().balances().posted())
                .as("the rolled-back state has the stream's version, not its balance").isEqualTo(570);
    }

    @Test
    void a_stream_without_events_is_not_found() {
        assertThat(inUnitOfWork(() -> Aggregates.find(accountRepository, StreamIds.account("never-" + accountId))))
                .isEmpty();
    }

    @Test
    void an_empty_stream_is_answered_without_the_cost_of_a_stack_trace() {
        Throwable notFound = inUnitOfWork(() -> {
            try {
                accountRepository.load(StreamIds.account("never-" + accountId));
                return null;
            } catch (AggregateNotFoundException e) {
                return e;
            }
        });

        assertThat(notFound).isInstanceOf(AggregateNotFoundException.class);
        assertThat(notFound.getStackTrace()).isEmpty();
    }

    /**
     * The bound is on memory, not on a count: an account holding the most metadata a client may give it (32 entries
     * of 64 + 512 characters) weighs 37 plain ones, so a bound of 40 keeps one of them, and three plain accounts.
     */
    @Test
    void accounts_are_kept_by_the_weight_of_their_metadata_not_by_their_number() {
        StreamCheckedRepository<Account> small = StreamCheckedRepository.create(Account.class, eventStore,
                NoSnapshotTriggerDefinition.INSTANCE, 40);
        List<String> heavy = List.of(openWithMostMetadata(), openWithMostMetadata(), openWithMostMetadata());
        List<String> plain = List.of(openAccount("USD"), openAccount("USD"), openAccount("USD"));

        heavy.forEach(id -> inUnitOfWork(() -> small.load(StreamIds.account(id)).invoke(Account::snapshot)));
        long heavyKept = small.keptCount();
        plain.forEach(id -> inUnitOfWork(() -> small.load(StreamIds.account(id)).invoke(Account::snapshot)));
        long allKept = small.keptCount();

        assertThat(heavyKept).isEqualTo(1);
        assertThat(allKept).as("three plain accounts and at most one heavy one").isBetween(3L, 4L);
        assertThat(inUnitOfWork(() -> small.load(StreamIds.account(heavy.get(0))).invoke(Account::keptWeight)))
                .isEqualTo(37);
    }

    private String openWithMostMetadata() {
        String id = unique("heavy");
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            metadata.append(i == 0 ? "" : ",").append('"').append("k".repeat(62)).append("%02d".formatted(i))
                    .append("\":\"").append("v".repeat(512)).append('"');
        }
        Api.Response opened = api.post("/api/v1/accounts", "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\","
                .formatted(id) + "\"metadata\":{" + metadata + "}}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return id;
    }

    /** Appends one credit to the account's stream without this repository, as another instance would. */
    private long appendedByAnotherInstance(long amount, long postedAfter) {
        return inUnitOfWork(() -> {
            long last = eventStore.lastSequenceNumberFor(streamId).orElseThrow();
            eventStore.publish(new GenericDomainEventMessage<>("Account", streamId, last + 1,
                    new AccountCredited(accountId, "elsewhere-" + accountId, amount, new Balances(postedAfter, 0, 0))));
            return last + 1;
        });
    }

    private AccountSnapshot load(Repository<Account> repository) {
        return inUnitOfWork(() -> repository.load(streamId).invoke(Account::snapshot));
    }

    private <R> R inUnitOfWork(Callable<R> work) {
        return UnitsOfWork.inUnitOfWork(transactionManager, work);
    }
}
