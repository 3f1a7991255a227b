package io.ledgerflow.query.support;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountClosed;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountReopened;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a consistent ledger history the way the command-service publishes it: global positions in order,
 * per-aggregate sequences from 0, complete balances after every posting, one second between events.
 */
public final class LedgerStream {

    public static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    /** The principal of every event unless {@link #by} names another. */
    public static final String TESTER = "tester";

    private final List<EventEnvelope> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, Long> posted = new HashMap<>();
    private final Map<String, Long> pendingDebits = new HashMap<>();
    private final Map<String, Long> pendingCredits = new HashMap<>();
    private final Map<String, String> currencies = new HashMap<>();
    private final Map<String, AccountState> states = new HashMap<>();
    private long position;
    private String principal = TESTER;

    /** The events appended from now on record this principal, the token subject whose command produced them. */
    public LedgerStream by(String principal) {
        this.principal = principal;
        return this;
    }

    public EventEnvelope open(String accountId, String ownerId, String currency) {
        return open(new AccountOpened(accountId, ownerId, currency, null, 0, Map.of(), false));
    }

    public EventEnvelope open(AccountOpened opened) {
        currencies.put(opened.accountId(), opened.currency());
        posted.put(opened.accountId(), 0L);
        states.put(opened.accountId(), new AccountState(AccountStatus.OPEN, opened.overdraftLimit()));
        return append(opened);
    }

    public EventEnvelope freeze(String accountId) {
        return append(new AccountFrozen(accountId, state(accountId, AccountStatus.FROZEN)));
    }

    public EventEnvelope unfreeze(String accountId) {
        return append(new AccountUnfrozen(accountId, state(accountId, AccountStatus.OPEN)));
    }

    public EventEnvelope close(String accountId) {
        return append(new AccountClosed(accountId, state(accountId, AccountStatus.CLOSED)));
    }

    public EventEnvelope reopen(String accountId) {
        return append(new AccountReopened(accountId, state(accountId, AccountStatus.OPEN)));
    }

    public EventEnvelope changeOverdraftLimit(String accountId, long overdraftLimit) {
        AccountState before = states.get(accountId);
        AccountState after = new AccountState(before.status(), overdraftLimit);
        states.put(accountId, after);
        return append(new AccountOverdraftLimitChanged(accountId, before.overdraftLimit(), after));
    }

    /** Includes the opening of the settlement account when this is the currency's first deposit. */
    public List<EventEnvelope> deposit(String transferId, String accountId, long amount) {
        int first = events.size();
        post(transferId, TransferKind.DEPOSIT, world(currencies.get(accountId)), accountId, amount);
        return List.copyOf(events.subList(first, events.size()));
    }

    public List<EventEnvelope> withdraw(String transferId, String accountId, long amount) {
        int first = events.size();
        post(transferId, TransferKind.WITHDRAWAL, accountId, world(currencies.get(accountId)), amount);
        return List.copyOf(events.subList(first, events.size()));
    }

    /**
     * A deposit whose settlement leg is posted to one shard of the currency's settlement account, as the command
     * side does: the transfer names {@code @world:<CUR>}, the leg names the shard (opened by its first leg).
     */
    public List<EventEnvelope> depositThroughShard(String transferId, String accountId, long amount, int shard) {
        String currency = currencies.get(accountId);
        String shardId = shard(currency, shard);
        List<EventEnvelope> written = new ArrayList<>();
        written.add(append(new TransferPosted(transferId, new TransferTerms(TransferKind.DEPOSIT,
                SettlementAccounts.idFor(currency), accountId, amount, currency, "ref-DEPOSIT", Map.of("k", "v")))));
        written.add(append(new AccountDebited(shardId, transferId, amount, balances(shardId, -amount))));
        written.add(append(new AccountCredited(accountId, transferId, amount, balances(accountId, amount))));
        return written;
    }

    /** A withdrawal whose settlement leg is posted to one shard, like {@link #depositThroughShard}. */
    public List<EventEnvelope> withdrawThroughShard(String transferId, String accountId, long amount, int shard) {
        String currency = currencies.get(accountId);
        String shardId = shard(currency, shard);
        List<EventEnvelope> written = new ArrayList<>();
        written.add(append(new TransferPosted(transferId, new TransferTerms(TransferKind.WITHDRAWAL, accountId,
                SettlementAccounts.idFor(currency), amount, currency, "ref-WITHDRAWAL", Map.of("k", "v")))));
        written.add(append(new AccountDebited(accountId, transferId, amount, balances(accountId, -amount))));
        written.add(append(new AccountCredited(shardId, transferId, amount, balances(shardId, amount))));
        return written;
    }

    private String shard(String currency, int shard) {
        String shardId = SettlementAccounts.shardId(currency, shard);
        if (!currencies.containsKey(shardId)) {
            open(new AccountOpened(shardId, "system", currency, null, 0, Map.of(), true));
        }
        return shardId;
    }

    public List<EventEnvelope> transfer(String transferId, String debitAccountId, String creditAccountId, long amount) {
        return post(transferId, TransferKind.TRANSFER, debitAccountId, creditAccountId, amount);
    }

    public EventEnvelope reject(String transferId, String debitAccountId, String creditAccountId, long amount,
                                String rejectionCode) {
        return append(new TransferRejected(transferId, terms(TransferKind.TRANSFER, debitAccountId, creditAccountId,
                amount), rejectionCode, rejectionCode + " for " + transferId));
    }

    /** A refused hold: only the transfer's event, which records the phase and timeout that were asked for. */
    public EventEnvelope rejectHold(String transferId, String debitAccountId, String creditAccountId, long amount,
                                    Long timeoutSeconds, String rejectionCode) {
        return append(new TransferRejected(transferId, terms(TransferKind.TRANSFER, debitAccountId, creditAccountId,
                amount), rejectionCode, rejectionCode + " for " + transferId, true, timeoutSeconds));
    }

    /** A pending transfer: both reservations, then the transfer's event, as the command side appends them. */
    public List<EventEnvelope> hold(String transferId, String debit, String credit, long amount, Long timeoutSeconds) {
        List<EventEnvelope> written = new ArrayList<>();
        written.add(append(new AccountDebitReserved(debit, transferId, amount, reserve(debit, amount, 0))));
        written.add(append(new AccountCreditReserved(credit, transferId, amount, reserve(credit, 0, amount))));
        written.add(append(new TransferPending(transferId, terms(TransferKind.TRANSFER, debit, credit, amount),
                timeoutSeconds)));
        return written;
    }

    /** Posts {@code amount} of a pending {@code pending} and releases the whole reservation. */
    public List<EventEnvelope> postPending(String transferId, String debit, String credit, long pending, long amount) {
        List<EventEnvelope> written = new ArrayList<>();
        reserve(debit, -pending, 0);
        reserve(credit, 0, -pending);
        written.add(append(new AccountDebited(debit, transferId, amount, balances(debit, -amount))));
        written.add(append(new AccountCredited(credit, transferId, amount, balances(credit, amount))));
        written.add(append(new TransferPendingPosted(transferId, terms(TransferKind.TRANSFER, debit, credit, pending),
                amount)));
        return written;
    }

    /** Voids (or, with {@code expired}, expires) a pending transfer: both reservations released. */
    public List<EventEnvelope> release(String transferId, String debit, String credit, long pending, boolean expired) {
        List<EventEnvelope> written = new ArrayList<>();
        written.add(append(new AccountReservationReleased(debit, transferId, pending, reserve(debit, -pending, 0))));
        written.add(append(new AccountReservationReleased(credit, transferId, pending, reserve(credit, 0, -pending))));
        TransferTerms terms = terms(TransferKind.TRANSFER, debit, credit, pending);
        written.add(append(expired ? new TransferExpired(transferId, terms) : new TransferVoided(transferId, terms)));
        return written;
    }

    public List<EventEnvelope> all() {
        return List.copyOf(events);
    }

    private List<EventEnvelope> post(String transferId, TransferKind kind, String debit, String credit, long amount) {
        List<EventEnvelope> written = new ArrayList<>();
        written.add(append(new TransferPosted(transferId, terms(kind, debit, credit, amount))));
        written.add(append(new AccountDebited(debit, transferId, amount, balances(debit, -amount))));
        written.add(append(new AccountCredited(credit, transferId, amount, balances(credit, amount))));
        return written;
    }

    private TransferTerms terms(TransferKind kind, String debit, String credit, long amount) {
        return new TransferTerms(kind, debit, credit, amount, currencies.get(debit), "ref-" + kind, Map.of("k", "v"));
    }

    private Balances balances(String accountId, long change) {
        posted.merge(accountId, change, Long::sum);
        return reserve(accountId, 0, 0);
    }

    private Balances reserve(String accountId, long debits, long credits) {
        long d = pendingDebits.merge(accountId, debits, Long::sum);
        long c = pendingCredits.merge(accountId, credits, Long::sum);
        return new Balances(posted.getOrDefault(accountId, 0L), d, c);
    }

    private AccountState state(String accountId, AccountStatus status) {
        AccountState after = new AccountState(status, states.get(accountId).overdraftLimit());
        states.put(accountId, after);
        return after;
    }

    private String world(String currency) {
        String world = "@world:" + currency;
        if (!currencies.containsKey(world)) {
            open(new AccountOpened(world, "system", currency, null, 0, Map.of(), true));
        }
        return world;
    }

    private EventEnvelope append(LedgerEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        position++;
        String id = UUID.nameUUIDFromBytes((event.aggregateId() + "#" + sequence).getBytes(StandardCharsets.UTF_8))
                .toString();
        EventEnvelope envelope = new EventEnvelope(id, START.plusSeconds(position), position, sequence,
                "corr-" + position, "cause-" + position, principal, "test-client", event);
        events.add(envelope);
        return envelope;
    }
}
