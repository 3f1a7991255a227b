package io.ledgerflow.verifier.support;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;
import io.ledgerflow.events.transfer.TransferVoided;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Builds a realistic event history from the real event records, computing every carried balance as the
 * command-service's transfer rules do: each transfer's legs, then its own event, in one transaction (consecutive
 * positions; {@link #gap()} leaves a hole as a rolled-back transaction would).
 */
public final class LedgerHistory {

    private final List<StoredEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, Balances> balances = new HashMap<>();
    private final Map<String, String> currencies = new HashMap<>();
    private final Map<String, TransferTerms> pending = new HashMap<>();
    private long nextPosition = 1;
    private Instant clock = Instant.parse("2025-03-01T09:00:00.123456Z");

    public LedgerHistory open(String accountId, String currency) {
        currencies.put(accountId, currency);
        balances.put(accountId, Balances.ZERO);
        append(new AccountOpened(accountId, "owner-" + accountId, currency, 1100, 0, Map.of("tier", "gold"), false));
        return this;
    }

    public LedgerHistory deposit(String transferId, String accountId, long amount) {
        String world = world(currencies.get(accountId));
        return post(transferId, new TransferTerms(TransferKind.DEPOSIT, world, accountId, amount,
                currencies.get(accountId), "deposit " + transferId, Map.of()));
    }

    public LedgerHistory withdraw(String transferId, String accountId, long amount) {
        String world = world(currencies.get(accountId));
        return post(transferId, new TransferTerms(TransferKind.WITHDRAWAL, accountId, world, amount,
                currencies.get(accountId), null, Map.of()));
    }

    /** A deposit whose settlement leg is on shard {@code shard}, as the command side posts it; the terms name the settlement account. */
    public LedgerHistory depositThroughShard(String transferId, String accountId, long amount, int shard) {
        String currency = currencies.get(accountId);
        return post(transferId, new TransferTerms(TransferKind.DEPOSIT, world(currency), accountId, amount, currency,
                null, Map.of()), SettlementAccounts.shardId(currency, shard), accountId);
    }

    /** A withdrawal whose settlement leg is on shard {@code shard}. */
    public LedgerHistory withdrawThroughShard(String transferId, String accountId, long amount, int shard) {
        String currency = currencies.get(accountId);
        return post(transferId, new TransferTerms(TransferKind.WITHDRAWAL, accountId, world(currency), amount,
                currency, null, Map.of()), accountId, SettlementAccounts.shardId(currency, shard));
    }

    public LedgerHistory transfer(String transferId, String debit, String credit, long amount) {
        return post(transferId, terms(debit, credit, amount));
    }

    public LedgerHistory hold(String transferId, String debit, String credit, long amount) {
        TransferTerms terms = terms(debit, credit, amount);
        Balances debited = balances.get(debit);
        Balances credited = balances.get(credit);
        String correlation = UUID.randomUUID().toString();
        append(new AccountDebitReserved(debit, transferId, amount,
                new Balances(debited.posted(), debited.pendingDebits() + amount, debited.pendingCredits())), correlation);
        append(new AccountCreditReserved(credit, transferId, amount,
                new Balances(credited.posted(), credited.pendingDebits(), credited.pendingCredits() + amount)), correlation);
        append(new TransferPending(transferId, terms, 3600L), correlation);
        pending.put(transferId, terms);
        return this;
    }

    public LedgerHistory postPending(String transferId, long amount) {
        TransferTerms terms = pending.remove(transferId);
        long held = terms.amount();
        Balances debited = balances.get(terms.debitAccountId());
        Balances credited = balances.get(terms.creditAccountId());
        String correlation = UUID.randomUUID().toString();
        append(new AccountDebited(terms.debitAccountId(), transferId, amount, new Balances(debited.posted() - amount,
                debited.pendingDebits() - held, debited.pendingCredits())), correlation);
        append(new AccountCredited(terms.creditAccountId(), transferId, amount, new Balances(credited.posted() + amount,
                credited.pendingDebits(), credited.pendingCredits() - held)), correlation);
        append(new TransferPendingPosted(transferId, terms, amount), correlation);
        return this;
    }

    public LedgerHistory voidPending(String transferId) {
        TransferTerms terms = pending.remove(transferId);
        release(transferId, terms);
        append(new TransferVoided(transferId, terms));
        return this;
    }

    public LedgerHistory expirePending(String transferId) {
        TransferTerms terms = pending.remove(transferId);
        release(transferId, terms);
        append(new TransferExpired(transferId, terms));
        return this;
    }

    public LedgerHistory reject(String transferId, String debit, String credit, long amount) {
        append(new TransferRejected(transferId, terms(debit, credit, amount), "INSUFFICIENT_FUNDS",
                "account " + debit + " has too little available"));
        return this;
    }

    public LedgerHistory freezeAndUnfreeze(String accountId) {
        append(new AccountFrozen(accountId, new AccountState(AccountStatus.FROZEN, 0)));
        append(new AccountUnfrozen(accountId, new AccountState(AccountStatus.OPEN, 0)));
        return this;
    }

    /** A position no committed event took (a rolled-back transaction's). */
    public LedgerHistory gap() {
        nextPosition += 3;
        return this;
    }

    public long pendingAmount(String transferId) {
        return pending.get(transferId).amount();
    }

    public Balances balances(String accountId) {
        return balances.get(accountId);
    }

    public boolean isOpen(String accountId) {
        return balances.containsKey(accountId);
    }

    public List<StoredEvent> events() {
        return List.copyOf(events);
    }

    /** The index of the first event that matches. */
    public int indexOf(Predicate<LedgerEvent> which) {
        for (int index = 0; index < events.size(); index++) {
            if (which.test(events.get(index).event())) {
                return index;
            }
        }
        throw new IllegalArgumentException("no such event in the history");
    }

    /** Every kind of event: deposits, transfers, a rejection, holds posted in part, voided and expired, two currencies. */
    public static LedgerHistory everyKind() {
        return new LedgerHistory()
                .open("acc-1", "USD").open("acc-2", "USD").open("acc-3", "EUR")
                .deposit("dep-1", "acc-1", 10_000).gap()
                .deposit("dep-2", "acc-3", 5_000)
                .transfer("t-1", "acc-1", "acc-2", 2_500)
                .reject("t-2", "acc-2", "acc-1", 1_000_000)
                .hold("t-3", "acc-1", "acc-2", 2_000)
                .hold("t-4", "acc-2", "acc-1", 500)
                .hold("t-5", "acc-1", "acc-2", 300)
                .postPending("t-3", 1_500).gap()
                .voidPending("t-4")
                .expirePending("t-5")
                .freezeAndUnfreeze("acc-2")
                .transfer("t-6", "acc-2", "acc-1", 1_000)
                .withdraw("wd-1", "acc-3", 1_200);
    }

    private LedgerHistory post(String transferId, TransferTerms terms) {
        return post(transferId, terms, terms.debitAccountId(), terms.creditAccountId());
    }

    /** The legs on {@code debit} and {@code credit}: the terms' accounts, or a shard for a settlement account. */
    private LedgerHistory post(String transferId, TransferTerms terms, String debit, String credit) {
        openWorldIfNeeded(debit, terms.currency());
        openWorldIfNeeded(credit, terms.currency());
        Balances debited = balances.get(debit);
        Balances credited = balances.get(credit);
        long amount = terms.amount();
        String correlation = UUID.randomUUID().toString();
        append(new AccountDebited(debit, transferId, amount,
                new Balances(debited.posted() - amount, debited.pendingDebits(), debited.pendingCredits())), correlation);
        append(new AccountCredited(credit, transferId, amount,
                new Balances(credited.posted() + amount, credited.pendingDebits(), credited.pendingCredits())), correlation);
        append(new TransferPosted(transferId, terms), correlation);
        return this;
    }

    private void release(String transferId, TransferTerms terms) {
        long held = terms.amount();
        Balances debited = balances.get(terms.debitAccountId());
        Balances credited = balances.get(terms.creditAccountId());
        append(new AccountReservationReleased(terms.debitAccountId(), transferId, held,
                new Balances(debited.posted(), debited.pendingDebits() - held, debited.pendingCredits())));
        append(new AccountReservationReleased(terms.creditAccountId(), transferId, held,
                new Balances(credited.posted(), credited.pendingDebits(), credited.pendingCredits() - held)));
    }

    private void openWorldIfNeeded(String accountId, String currency) {
        if (accountId.startsWith("@world:") && !balances.containsKey(accountId)) {
            currencies.put(accountId, currency);
            balances.put(accountId, Balances.ZERO);
            append(new AccountOpened(accountId, "system", currency, null, 0, Map.of(), true));
        }
    }

    private TransferTerms terms(String debit, String credit, long amount) {
        return new TransferTerms(TransferKind.TRANSFER, debit, credit, amount, currencies.get(debit), "invoice",
                Map.of("channel", "web"));
    }

    private static String world(String currency) {
        return "@world:" + currency;
    }

    private void append(LedgerEvent event) {
        append(event, UUID.randomUUID().toString());
    }

    private void append(LedgerEvent event, String correlationId) {
        String aggregate = event.aggregateType() + "/" + event.aggregateId();
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        clock = clock.plusMillis(7);
        events.add(new StoredEvent(nextPosition++, UUID.randomUUID().toString(), sequence, clock, correlationId, event));
        Balances carried = carried(event);
        if (carried != null) {
            balances.put(event.aggregateId(), carried);
        }
    }

    private static Balances carried(LedgerEvent event) {
        if (event instanceof AccountDebited e) {
            return e.balances();
        }
        if (event instanceof AccountCredited e) {
            return e.balances();
        }
        if (event instanceof AccountDebitReserved e) {
            return e.balances();
        }
        if (event instanceof AccountCreditReserved e) {
            return e.balances();
        }
        if (event instanceof AccountReservationReleased e) {
            return e.balances();
        }
        return null;
    }
}
