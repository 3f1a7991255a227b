package io.ledgerflow.verifier.ledger;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferTerms;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.verifier.support.LedgerHistory;
import io.ledgerflow.verifier.support.StoredEvent;
import io.ledgerflow.verifier.violation.Violation;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger rules on histories whose events are all readable and in order, but wrong. */
class LedgerReplayTest {

    private final LedgerHistory history = LedgerHistory.everyKind();
    private final List<StoredEvent> events = history.events();

    @Test
    void aTransferWhoseTermsDifferFromItsLegsLacksItsLegs() {
        int transfer = history.indexOf(e -> e instanceof TransferPosted t && t.transferId().equals("t-1"));
        Violations violations = replay(changed(transfer, event -> {
            TransferPosted posted = (TransferPosted) event;
            return new TransferPosted(posted.transferId(), withAmount(posted.terms(), 2_600));
        }));

        assertThat(violations.first(ViolationKind.TRANSFER_LEGS)).get().satisfies(violation -> {
            assertThat(violation.position()).isEqualTo(events.get(transfer).position());
            assertThat(violation.aggregate()).isEqualTo("transfer/t-1");
            assertThat(violation.detail()).contains("missing").contains("AccountDebited 2600 on acc-1");
        });
        assertThat(violations.count(ViolationKind.BALANCE_MISMATCH)).isZero();
    }

    @Test
    void aCreditSmallerThanItsDebitUnbalancesTheCurrencyOnceTheTransactionIsComplete() {
        int credit = history.indexOf(e -> e instanceof AccountCredited c && c.transferId().equals("t-1"));
        int transfer = history.indexOf(e -> e instanceof TransferPosted t && t.transferId().equals("t-1"));
        Violations violations = replay(changed(credit, event -> {
            AccountCredited credited = (AccountCredited) event;
            Balances carried = credited.balances();
            // consistent with itself: the account's own fold agrees
            return new AccountCredited(credited.accountId(), credited.transferId(), 2_400,
                    new Balances(carried.posted() - 100, carried.pendingDebits(), carried.pendingCredits()));
        }));

        assertThat(violations.first(ViolationKind.LEDGER_IMBALANCE)).get().satisfies(violation -> {
            assertThat(violation.position()).isEqualTo(events.get(transfer).position());
            assertThat(violation.aggregate()).isEqualTo("transfer/t-1");
            assertThat(violation.detail()).contains("Σ posted USD is -100");
        });
        assertThat(violations.first(ViolationKind.TRANSFER_LEGS)).get().extracting(Violation::position)
                .isEqualTo(events.get(transfer).position());
        assertThat(violations.first(ViolationKind.BALANCE_MISMATCH)).get().extracting(Violation::position)
                .as("the account's next event carries the true balances").isNotEqualTo(events.get(credit).position());
    }

    @Test
    void legsOnTheShardsOfASettlementAccountCountForItAndTheCurrencyStillSumsToZero() {
        LedgerHistory sharded = new LedgerHistory().open("acc-1", "USD").open("acc-2", "USD")
                .deposit("d-0", "acc-1", 700)
                .depositThroughShard("d-3", "acc-1", 500, 3)
                .depositThroughShard("d-5", "acc-2", 900, 5)
                .withdrawThroughShard("w-3", "acc-2", 200, 3)
                .transfer("t-1", "acc-1", "acc-2", 100);
        Violations violations = new Violations();
        LedgerReplay replay = new LedgerReplay(false, violations);
        for (StoredEvent stored : sharded.events()) {
            replay.accept(new ReplayedEvent(stored.position(), stored.eventId(), stored.event().aggregateType(),
                    stored.event().aggregateId(), stored.sequence(), stored.event()));
        }
        replay.finish();

        assertThat(violations.none()).as(violations.firsts().toString()).isTrue();
        assertThat(replay.summary().postedByCurrency()).containsEntry("USD", 0L);
        assertThat(replay.summary().systemAccounts()).as("shards 0, 3 and 5").isEqualTo(3);
    }

    @Test
    void aLegOnAnotherCurrencysSettlementShardIsNotTheTransfersLeg() {
        LedgerHistory sharded = new LedgerHistory().open("acc-1", "USD").open("acc-e", "EUR")
                .depositThroughShard("d-e", "acc-e", 50, 2)
                .depositThroughShard("d-3", "acc-1", 500, 3);
        List<StoredEvent> stored = sharded.events();
        int debit = sharded.indexOf(e -> e instanceof AccountDebited d && d.transferId().equals("d-3"));
        List<StoredEvent> altered = new ArrayList<>(stored);
        StoredEvent original = altered.get(debit);
        AccountDebited leg = (AccountDebited) original.event();
        altered.set(debit, new StoredEvent(original.position(), original.eventId(), original.sequence(),
                original.time(), original.correlationId(),
                new AccountDebited("@world:EUR:3", leg.transferId(), leg.amount(), leg.balances())));

        Violations violations = replay(altered);

        assertThat(violations.first(ViolationKind.TRANSFER_LEGS)).get().satisfies(violation ->
                assertThat(violation.detail()).contains("AccountDebited 500 on @world:USD"));
    }

    @Test
    void voidingATransferThatIsNotPendingIsReported() {
        TransferPosted posted = (TransferPosted) events.get(
                history.indexOf(e -> e instanceof TransferPosted t && t.transferId().equals("t-6"))).event();
        List<StoredEvent> extended = new ArrayList<>(events);
        long position = events.get(events.size() - 1).position() + 1;
        TransferTerms terms = posted.terms();
        Balances debit = history.balances(terms.debitAccountId());
        Balances credit = history.balances(terms.creditAccountId());
        extended.add(stored(position, new AccountReservationReleased(terms.debitAccountId(), "t-6", terms.amount(),
                debit)));
        extended.add(stored(position + 1, new AccountReservationReleased(terms.creditAccountId(), "t-6",
                terms.amount(), credit)));
        extended.add(stored(position + 2, new TransferVoided("t-6", terms)));

        Violations violations = replay(extended);

        assertThat(violations.first(ViolationKind.TRANSFER_LEGS)).get().satisfies(violation -> {
            assertThat(violation.position()).isEqualTo(position + 2);
            assertThat(violation.detail()).contains("resolves a transfer that is POSTED");
        });
    }

    private List<StoredEvent> changed(int index, UnaryOperator<LedgerEvent> change) {
        List<StoredEvent> copy = new ArrayList<>(events);
        StoredEvent original = copy.get(index);
        copy.set(index, new StoredEvent(original.position(), original.eventId(), original.sequence(), original.time(),
                original.correlationId(), change.apply(original.event())));
        return copy;
    }

    /** An event appended after the history, next in its aggregate's sequence. */
    private StoredEvent stored(long position, LedgerEvent event) {
        long next = events.stream().filter(e -> e.aggregate().equals(event.aggregateType() + "/" + event.aggregateId()))
                .mapToLong(StoredEvent::sequence).max().orElse(-1) + 1;
        return new StoredEvent(position, "extra-" + position, next, events.get(0).time(),
                "c", event);
    }

    private static TransferTerms withAmount(TransferTerms terms, long amount) {
        return new TransferTerms(terms.kind(), terms.debitAccountId(), terms.creditAccountId(), amount, terms.currency(),
                terms.reference(), terms.metadata());
    }

    static Violations replay(List<StoredEvent> events) {
        Violations violations = new Violations();
        LedgerReplay replay = new LedgerReplay(false, violations);
        for (StoredEvent stored : events) {
            replay.accept(new ReplayedEvent(stored.position(), stored.eventId(), stored.event().aggregateType(),
                    stored.event().aggregateId(), stored.sequence(), stored.event()));
        }
        replay.finish();
        return violations;
    }
}
