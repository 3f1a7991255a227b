package io.ledgerflow.command.transfer.batch;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.EventClock;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.command.transfer.PendingExpiries;
import io.ledgerflow.command.transfer.Rejection;
import io.ledgerflow.command.transfer.RejectionCode;
import io.ledgerflow.command.transfer.Transfer;
import io.ledgerflow.command.transfer.TransferAttempt;
import io.ledgerflow.command.transfer.TransferDecision;
import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.command.transfer.TransferRules;
import io.ledgerflow.command.transfer.TransferSnapshot;
import io.ledgerflow.events.transfer.TransferRejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a batch of transfers, single-phase or pending, all or none, in one unit of work (one PostgreSQL
 * transaction).
 * <p>
 * It locks every item's transfer id (by lock key), then every customer account of the batch ({@link
 * LedgerLocks#lockAccounts}), before it reads anything: the global lock order of single transfers, so batches and
 * transfers queue and never deadlock. Then each item, in request order, is decided by {@link TransferRules} against
 * the states the items before it left ({@link TransferRules#evolve}): a pending item's reservation counts against
 * the debit account's available balance for the items after it. An id that exists is answered by {@link
 * TransferRules#decideRepeat}, and only a repeat of an accepted transfer (posted, or pending and whatever became of
 * it since) with the same fields passes (already applied). Events are applied, and expiry rows of pending items
 * with a timeout written ({@link PendingExpiries}, in the same transaction), only once every item has passed, so a
 * failing item leaves nothing to append, not even a rejection: a refused batch is not sticky. An item its debit
 * account cannot afford while holds on that account are past their timeout refuses nothing yet: the batch answers
 * {@link BatchOutcome.HoldsExpiring}, so those holds are expired first and the batch decided again.
 */
@Component
public class BatchCommandHandler {

    private final Repository<Account> accounts;
    private final Repository<Transfer> transfers;
    private final LedgerLocks locks;
    private final PendingExpiries expiries;
    private final Clock clock;

    public BatchCommandHandler(Repository<Account> accounts, Repository<Transfer> transfers, LedgerLocks locks,
                               PendingExpiries expiries) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.locks = locks;
        this.expiries = expiries;
        this.clock = EventClock.INSTANCE;
    }

    @CommandHandler
    public BatchOutcome handle(TransferBatch batch) {
        lockInOrder(batch.items(), locks);
        Map<String, Aggregate<Account>> loaded = new HashMap<>();
        Map<String, AccountSnapshot> states = new HashMap<>();
        List<Optional<TransferSnapshot>> repeated = new ArrayList<>();
        List<TransferDecision> decided = new ArrayList<>();
        for (int index = 0; index < batch.items().size(); index++) {
            BatchItem item = batch.items().get(index);
            TransferAttempt attempt = new TransferAttempt(item.transferId(), item.terms(), batch.actor(),
                    item.pending(), item.timeoutSeconds());
            Optional<Aggregate<Transfer>> existing = Aggregates.find(transfers, StreamIds.transfer(item.transferId()));
            if (existing.isPresent()) {
                TransferOutcome repeat = TransferRules.decideRepeat(attempt, existing.get().invoke(Transfer::snapshot));
                if (!(repeat instanceof TransferOutcome.Posted accepted)) {
                    return refusal(index, item.transferId(), repeat);
                }
                repeated.add(Optional.of(accepted.transfer()));
                decided.add(null);
                continue;
            }
            AccountSnapshot debit = state(item.terms().debitAccountId(), loaded, states);
            AccountSnapshot credit = state(item.terms().creditAccountId(), loaded, states);
            TransferDecision decision = TransferRules.decide(attempt, debit, credit);
            if (decision instanceof TransferDecision.Reject reject) {
                TransferRejected rejected = reject.transfer();
                List<String> dueHolds = expiries.dueBeforeRefusing(rejected.rejectionCode(),
                        item.terms().debitAccountId(), item.terms().creditAccountId(), clock.instant());
                if (!dueHolds.isEmpty()) {
                    return new BatchOutcome.HoldsExpiring(dueHolds);
                }
                return new BatchOutcome.ItemRejected(index, item.transferId(),
                        new Rejection(RejectionCode.valueOf(rejected.rejectionCode()), rejected.detail()), false);
            }
            if (decision instanceof TransferDecision.Hold hold) {
                states.put(debit.id(), TransferRules.evolve(debit, hold.debit()));
                states.put(credit.id(), TransferRules.evolve(credit, hold.credit()));
            } else {
                TransferDecision.Post post = (TransferDecision.Post) decision;
                states.put(debit.id(), TransferRules.evolve(debit, post.debit()));
                states.put(credit.id(), TransferRules.evolve(credit, post.credit()));
            }
            repeated.add(Optional.empty());
            decided.add(decision);
        }
        return apply(decided, repeated, loaded);
    }

    /** Every transfer id by lock key, then every account: the order every command takes its locks in. */
    static void lockInOrder(List<BatchItem> items, LedgerLocks locks) {
        locks.lockAll(LedgerLocks.inKeyOrder(items.stream().map(item -> StreamIds.transfer(item.transferId()))
                .toList()));
        List<String> accountIds = new ArrayList<>();
        for (BatchItem item : items) {
            accountIds.add(item.terms().debitAccountId());
            accountIds.add(item.terms().creditAccountId());
        }
        locks.lockAccounts(accountIds);
    }

    /**
     * Every item passed: append what was decided, in request order, each item's legs in lock order; a pending item
     * with a timeout also gets its expiry row, in this same transaction.
     */
    private BatchOutcome apply(List<TransferDecision> decided, List<Optional<TransferSnapshot>> repeated,
                               Map<String, Aggregate<Account>> loaded) {
        List<TransferSnapshot> results = new ArrayList<>();
        boolean created = false;
        for (int index = 0; index < decided.size(); index++) {
            TransferDecision decision = decided.get(index);
            if (decision == null) {
                results.add(repeated.get(index).orElseThrow());
                continue;
            }
            TransferSnapshot transfer = decision instanceof TransferDecision.Hold hold
                    ? hold(hold, loaded)
                    : post((TransferDecision.Post) decision, loaded);
            results.add(transfer);
            created = true;
        }
        return new BatchOutcome.Applied(results, created);
    }

    private TransferSnapshot post(TransferDecision.Post post, Map<String, Aggregate<Account>> loaded) {
        Aggregate<Account> debit = loaded.get(post.debit().accountId());
        Aggregate<Account> credit = loaded.get(post.credit().accountId());
        inLockOrder(post.debit().accountId(), post.credit().accountId(),
                () -> debit.execute(account -> account.post(post.debit())),
                () -> credit.execute(account -> account.post(post.credit())));
        return Aggregates.create(transfers, () -> Transfer.record(post.transfer())).invoke(Transfer::snapshot);
    }

    private TransferSnapshot hold(TransferDecision.Hold hold, Map<String, Aggregate<Account>> loaded) {
        Aggregate<Account> debit = loaded.get(hold.debit().accountId());
        Aggregate<Account> credit = loaded.get(hold.credit().accountId());
        inLockOrder(hold.debit().accountId(), hold.credit().accountId(),
                () -> debit.execute(account -> account.hold(hold.debit())),
                () -> credit.execute(account -> account.hold(hold.credit())));
        TransferSnapshot pending = Aggregates.create(transfers, () -> Transfer.record(hold.transfer()))
                .invoke(Transfer::snapshot);
        if (pending.expiresAt() != null) {
            expiries.schedule(pending.id(), pending.terms().debitAccountId(), pending.terms().creditAccountId(),
                    pending.expiresAt());
        }
        return pending;
    }

    /** Applies the two legs in lock order, so every transaction inserts its rows in the same order. */
    private static void inLockOrder(String debitAccountId, String creditAccountId, Runnable debitLeg,
                                    Runnable creditLeg) {
        if (LedgerLocks.inLockOrder(debitAccountId, creditAccountId)) {
            debitLeg.run();
            creditLeg.run();
        } else {
            creditLeg.run();
            debitLeg.run();
        }
    }

    private static BatchOutcome refusal(int index, String transferId, TransferOutcome repeat) {
        if (repeat instanceof TransferOutcome.Rejected rejected) {
            return new BatchOutcome.ItemRejected(index, transferId, rejected.transfer().rejection(), true);
        }
        return new BatchOutcome.ItemIdRefused(index, transferId, repeat);
    }

    /** The account as the items before left it, loaded once; {@code null} when it does not exist. */
    private AccountSnapshot state(String accountId, Map<String, Aggregate<Account>> loaded,
                                  Map<String, AccountSnapshot> states) {
        if (!states.containsKey(accountId)) {
            Optional<Aggregate<Account>> account = Aggregates.find(accounts, StreamIds.account(accountId));
            account.ifPresent(a -> loaded.put(accountId, a));
            states.put(accountId, account.map(a -> a.invoke(Account::snapshot)).orElse(null));
        }
        return states.get(accountId);
    }
}
