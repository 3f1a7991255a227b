package io.ledgerflow.command.transfer.batch;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.command.axon.RecordingLocks;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.command.transfer.PendingExpiries;
import io.ledgerflow.command.transfer.RejectionCode;
import io.ledgerflow.command.transfer.Transfer;
import io.ledgerflow.command.transfer.TransferSnapshot;
import io.ledgerflow.command.transfer.TransferStatus;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferTerms;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch handler over an in-memory event store: pending items are decided and appended like single pending
 * transfers, their reservations count for the items after them, and a refused batch appends and schedules nothing.
 */
class BatchCommandHandlerTest {

    private static final Actor ALICE = new Actor("alice", false);

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final List<String> scheduled = new ArrayList<>();
    private BatchCommandHandler handler;

    @BeforeEach
    void setUp() {
        PendingExpiries expiries = new PendingExpiries(null) {
            @Override
            public void schedule(String transferId, String debitAccountId, String creditAccountId, Instant dueAt) {
                scheduled.add(transferId + "@" + dueAt);
            }

            @Override
            public List<String> dueOn(String debitAccountId, Instant now, int limit) {
                return List.of();
            }

            @Override
            public List<String> dueReserving(String debitAccountId, String creditAccountId, Instant now, int limit) {
                return List.of();
            }
        };
        handler = new BatchCommandHandler(EventSourcingRepository.builder(Account.class).eventStore(store).build(),
                EventSourcingRepository.builder(Transfer.class).eventStore(store).build(), new RecordingLocks(),
                expiries);
        store.publish(opened("acc-1", 0), new GenericDomainEventMessage<>("Account", "account/acc-1", 1,
                new AccountCredited("acc-1", "dep-1", 100, new Balances(100, 0, 0))), opened("acc-2", 0));
    }

    @AfterEach
    void tearDown() {
        store.shutDown();
    }

    private static EventMessage<?> opened(String id, long sequence) {
        return new GenericDomainEventMessage<>("Account", "account/" + id, sequence,
                new AccountOpened(id, "alice", "USD", null, 0, Map.of(), false));
    }

    private static BatchItem single(String id, long amount) {
        return new BatchItem(id, terms(amount));
    }

    private static BatchItem pending(String id, long amount, Long timeoutSeconds) {
        return new BatchItem(id, terms(amount), true, timeoutSeconds);
    }

    private static TransferTerms terms(long amount) {
        return new TransferTerms(TransferKind.TRANSFER, "acc-1", "acc-2", amount, "USD", null, Map.of());
    }

    private BatchOutcome handle(BatchItem... items) {
        TransferBatch batch = new TransferBatch(List.of(items), ALICE);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(batch)
                .andMetaData(MetaData.with(LedgerCorrelationData.PRINCIPAL, "alice")));
        unitOfWork.registerCorrelationDataProvider(new LedgerCorrelationData());
        return unitOfWork.executeWithResult(() -> handler.handle(batch)).getPayload();
    }

    private List<Object> events() {
        return storage.readEvents(null, false).map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void a_pending_item_reserves_on_both_sides_and_schedules_its_expiry_beside_a_posted_item() {
        BatchOutcome outcome = handle(pending("p-1", 60, 30L), single("t-1", 40));

        assertThat(outcome).isInstanceOf(BatchOutcome.Applied.class);
        List<TransferSnapshot> transfers = ((BatchOutcome.Applied) outcome).transfers();
        assertThat(transfers).extracting(TransferSnapshot::status)
                .containsExactly(TransferStatus.PENDING, TransferStatus.POSTED);
        TransferSnapshot held = transfers.get(0);
        assertThat(held.pending()).isTrue();
        assertThat(held.timeoutSeconds()).isEqualTo(30L);
        assertThat(held.createdBy()).isEqualTo("alice");
        assertThat(scheduled).containsExactly("p-1@" + held.createdAt().plusSeconds(30));
        List<Object> appended = events().subList(3, events().size());
        assertThat(appended).hasSize(6);
        assertThat(appended).filteredOn(AccountDebitReserved.class::isInstance).containsExactly(
                new AccountDebitReserved("acc-1", "p-1", 60, new Balances(100, 60, 0)));
        assertThat(appended).filteredOn(AccountCreditReserved.class::isInstance).containsExactly(
                new AccountCreditReserved("acc-2", "p-1", 60, new Balances(0, 0, 60)));
        assertThat(appended.get(2)).isEqualTo(new TransferPending("p-1", terms(60), 30L));
        assertThat(appended).filteredOn(AccountDebited.class::isInstance).containsExactly(
                new AccountDebited("acc-1", "t-1", 40, new Balances(60, 60, 0)));
        assertThat(appended.get(5)).isEqualTo(new TransferPosted("t-1", terms(40)));
    }

    @Test
    void a_later_item_that_fits_only_without_the_reservation_refuses_the_batch_and_nothing_is_appended_or_scheduled() {
        BatchOutcome outcome = handle(pending("p-1", 60, 30L), single("t-1", 41));

        assertThat(outcome).isInstanceOfSatisfying(BatchOutcome.ItemRejected.class, rejected -> {
            assertThat(rejected.index()).isEqualTo(1);
            assertThat(rejected.transferId()).isEqualTo("t-1");
            assertThat(rejected.rejection().code()).isEqualTo(RejectionCode.INSUFFICIENT_FUNDS);
        });
        assertThat(events()).hasSize(3);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void a_pending_item_without_a_timeout_schedules_no_expiry() {
        BatchOutcome outcome = handle(pending("p-1", 100, null));

        assertThat(outcome).isInstanceOf(BatchOutcome.Applied.class);
        assertThat(scheduled).isEmpty();
    }
}
