package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.account.SettlementShards;
import io.ledgerflow.command.account.WorldAccount;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.EventClock;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Locks, loads, lets {@link TransferRules} decide, and appends what it decided: the debit, the credit and the
 * transfer's own event in one unit of work, so in one PostgreSQL transaction, or none of them.
 * <p>
 * Every aggregate is locked ({@link LedgerLocks}) before it is read, in one global order, so commands on the same
 * aggregates queue instead of racing, in this instance and in any other. The legs are applied in lock order too,
 * so the rows are inserted in the same order by every transaction.
 */
@Component
public class TransferCommandHandler {

    private final Repository<Account> accounts;
    private final Repository<Transfer> transfers;
    private final LedgerLocks locks;
    private final PendingExpiries expiries;
    private final SettlementShards shards;
    private final Clock clock;

    public TransferCommandHandler(Repository<Account> accounts, Repository<Transfer> transfers, LedgerLocks locks,
                                  PendingExpiries expiries, SettlementShards shards) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.locks = locks;
        this.expiries = expiries;
        this.shards = shards;
        this.clock = EventClock.INSTANCE;
    }

    @CommandHandler
    public TransferOutcome handle(TransferFunds command) {
        TransferAttempt attempt = new TransferAttempt(command.transferId(), command.terms(), command.actor(),
                command.pending(), command.timeoutSeconds());
        // the accounts too, even for a repeat (which then waits for them needlessly): one statement instead of two
        locks.lockTransferAndAccounts(attempt.transferId(),
                List.of(attempt.terms().debitAccountId(), attempt.terms().creditAccountId()));
        return repeat(attempt).orElseGet(() -> execute(attempt, null));
    }

    @CommandHandler
    public TransferOutcome handle(DepositFunds command) {
        return movement(command.transferId(), command.accountId(), command.actor(), currency -> new TransferTerms(
                TransferKind.DEPOSIT, WorldAccount.idFor(currency), command.accountId(), command.amount(), currency,
                command.reference(), command.metadata()));
    }

    @CommandHandler
    public TransferOutcome handle(WithdrawFunds command) {
        return movement(command.transferId(), command.accountId(), command.actor(), currency -> new TransferTerms(
                TransferKind.WITHDRAWAL, command.accountId(), WorldAccount.idFor(currency), command.amount(), currency,
                command.reference(), command.metadata()));
    }

    /**
     * A deposit or withdrawal: the account in the path decides the currency, hence the settlement account; a free
     * shard of it ({@link SettlementShards}) is locked last and takes the leg. The transfer's terms name the settlement
     * account itself, so a repeat is compared and answered whichever shard the first one went to.
     */
    private TransferOutcome movement(String transferId, String accountId, Actor actor,
                                     Function<String, TransferTerms> termsInCurrency) {
        locks.lockTransferAndAccounts(transferId, List.of(accountId));
        Optional<String> currency = usableAccountCurrency(accountId, actor);
        if (currency.isEmpty()) {
            return new TransferOutcome.AccountMissing(accountId);
        }
        TransferAttempt attempt = new TransferAttempt(transferId, termsInCurrency.apply(currency.get()), actor);
        return repeat(attempt).orElseGet(() -> execute(attempt, shards.lockShardOf(currency.get())));
    }

    /**
     * Another free shard of the currency on which the movement would not overflow, if one of the others has room: a
     * movement is refused for overflow only when no free shard could take it.
     */
    private Optional<String> anotherShardWithRoom(TransferAttempt attempt, String settlementShard) {
        String currency = attempt.terms().currency();
        if (overflows(decideOnAnEmptyShard(attempt, settlementShard))) {
            return Optional.empty(); // the account's own side overflows: no shard can help
        }
        Set<String> tried = new HashSet<>(Set.of(settlementShard));
        for (Optional<String> other = shards.tryLockAnother(currency, tried); other.isPresent();
             other = shards.tryLockAnother(currency, tried)) {
            if (!overflows(decide(attempt, other.get()))) {
                return other;
            }
        }
        return Optional.empty();
    }

    private TransferDecision decide(TransferAttempt attempt, String settlementShard) {
        TransferTerms terms = attempt.terms();
        return TransferRules.decide(attempt,
                snapshotOf(loadOrOpenWorld(terms.debitAccountId(), terms.currency(), settlementShard)),
                snapshotOf(loadOrOpenWorld(terms.creditAccountId(), terms.currency(), settlementShard)));
    }

    private TransferDecision decideOnAnEmptyShard(TransferAttempt attempt, String settlementShard) {
        TransferTerms terms = attempt.terms();
        Instant now = clock.instant();
        AccountSnapshot empty = new AccountSnapshot(settlementShard, WorldAccount.OWNER, terms.currency(), null, 0,
                Map.of(), true, AccountStatus.OPEN, Balances.ZERO, 1, now, now);
        return TransferRules.decide(attempt,
                WorldAccount.isWorld(terms.debitAccountId()) ? empty : snapshotOf(loadOrOpenWorld(
                        terms.debitAccountId(), terms.currency(), settlementShard)),
                WorldAccount.isWorld(terms.creditAccountId()) ? empty : snapshotOf(loadOrOpenWorld(
                        terms.creditAccountId(), terms.currency(), settlementShard)));
    }

    private static boolean overflows(TransferDecision decision) {
        return decision instanceof TransferDecision.Reject reject
                && RejectionCode.AMOUNT_OVERFLOW.name().equals(reject.transfer().rejectionCode());
    }

    /** Another owner's account does not exist for a client: no leak of its existence. */
    private Optional<String> usableAccountCurrency(String accountId, Actor actor) {
        return Aggregates.find(accounts, StreamIds.account(accountId))
                .map(account -> account.invoke(Account::snapshot))
                .filter(account -> !account.system() && actor.mayUse(account.ownerId()))
                .map(AccountSnapshot::currency);
    }

    /** The transfer id is locked by now; a repeat is answered from what is stored and never tries an insert. */
    private Optional<TransferOutcome> repeat(TransferAttempt attempt) {
        return Aggregates.find(transfers, StreamIds.transfer(attempt.transferId()))
                .map(existing -> TransferRules.decideRepeat(attempt, existing.invoke(Transfer::snapshot)));
    }

    /**
     * All of the command's aggregates are locked by now.
     *
     * @param settlementShard the shard that takes the settlement side of a deposit or withdrawal, else null
     */
    private TransferOutcome execute(TransferAttempt attempt, String settlementShard) {
        TransferTerms terms = attempt.terms();
        Aggregate<Account> debit = loadOrOpenWorld(terms.debitAccountId(), terms.currency(), settlementShard);
        Aggregate<Account> credit = loadOrOpenWorld(terms.creditAccountId(), terms.currency(), settlementShard);
        TransferDecision decision = TransferRules.decide(attempt, snapshotOf(debit), snapshotOf(credit));
        if (settlementShard != null && overflows(decision)) {
            Optional<String> roomier = anotherShardWithRoom(attempt, settlementShard);
            if (roomier.isPresent()) {
                return execute(attempt, roomier.get());
            }
        }
        if (decision instanceof TransferDecision.Reject reject) {
            List<String> dueHolds = expiries.dueBeforeRefusing(reject.transfer().rejectionCode(),
                    terms.debitAccountId(), terms.creditAccountId(), clock.instant());
            if (!dueHolds.isEmpty()) {
                return new TransferOutcome.HoldsExpiring(dueHolds);
            }
            Aggregate<Transfer> rejected = Aggregates.create(transfers, () -> Transfer.record(reject.transfer()));
            return new TransferOutcome.Rejected(rejected.invoke(Transfer::snapshot), true);
        }
        if (decision instanceof TransferDecision.Hold hold) {
            inLockOrder(terms, () -> debit.execute(account -> account.hold(hold.debit())),
                    () -> credit.execute(account -> account.hold(hold.credit())));
            Aggregate<Transfer> pending = Aggregates.create(transfers, () -> Transfer.record(hold.transfer()));
            TransferSnapshot created = pending.invoke(Transfer::snapshot);
            if (created.expiresAt() != null) {
                expiries.schedule(created.id(), terms.debitAccountId(), terms.creditAccountId(), created.expiresAt());
            }
            return new TransferOutcome.Posted(created, true);
        }
        TransferDecision.Post post = (TransferDecision.Post) decision;
        inLockOrder(terms, () -> debit.execute(account -> account.post(post.debit())),
                () -> credit.execute(account -> account.post(post.credit())));
        Aggregate<Transfer> posted = Aggregates.create(transfers, () -> Transfer.record(post.transfer()));
        return new TransferOutcome.Posted(posted.invoke(Transfer::snapshot), true);
    }

    /**
     * Post, void or expire a pending transfer: lock the transfer, read it, lock its accounts (settlement last),
     * read them, let {@link TransferRules#decideResolution} decide, append. The schedule row goes with the
     * resolution, in the same transaction.
     */
    @CommandHandler
    public ResolutionOutcome handle(ResolvePendingTransfer command) {
        locks.lockTransfer(command.transferId());
        Optional<Aggregate<Transfer>> found = Aggregates.find(transfers, StreamIds.transfer(command.transferId()));
        if (found.isEmpty()) {
            return new ResolutionOutcome.NotFound();
        }
        Aggregate<Transfer> transfer = found.get();
        TransferTerms terms = transfer.invoke(Transfer::snapshot).terms();
        List<String> customers = Stream.of(terms.debitAccountId(), terms.creditAccountId())
                .filter(id -> !WorldAccount.isWorld(id)).toList();
        locks.lockAccounts(customers);
        Stream.of(terms.debitAccountId(), terms.creditAccountId())
                .filter(WorldAccount::isWorld).forEach(locks::lockSettlement);
        Aggregate<Account> debit = Aggregates.find(accounts, StreamIds.account(terms.debitAccountId())).orElse(null);
        Aggregate<Account> credit = Aggregates.find(accounts, StreamIds.account(terms.creditAccountId())).orElse(null);
        ResolutionDecision decision = TransferRules.decideResolution(command.resolution(), command.actor(),
                transfer.invoke(Transfer::snapshot), snapshotOf(debit), snapshotOf(credit), clock.instant());
        if (decision instanceof ResolutionDecision.NotFound) {
            return new ResolutionOutcome.NotFound();
        }
        if (decision instanceof ResolutionDecision.Refuse refuse) {
            return new ResolutionOutcome.Refused(refuse.rejection());
        }
        append((ResolutionDecision.Resolve) decision, terms, debit, credit, transfer);
        expiries.resolved(command.transferId());
        return new ResolutionOutcome.Resolved(transfer.invoke(Transfer::snapshot));
    }

    /** A decided resolution: both legs in lock order, then the transfer's own event. */
    static void append(ResolutionDecision.Resolve resolve, TransferTerms terms, Aggregate<Account> debit,
                       Aggregate<Account> credit, Aggregate<Transfer> transfer) {
        inLockOrder(terms, () -> debit.execute(account -> account.settle(resolve.debit())),
                () -> credit.execute(account -> account.settle(resolve.credit())));
        transfer.execute(t -> t.resolve(resolve.transfer()));
    }

    /** Applies the two legs in lock order, so every transaction inserts its rows in the same order. */
    private static void inLockOrder(TransferTerms terms, Runnable debitLeg, Runnable creditLeg) {
        if (LedgerLocks.inLockOrder(terms.debitAccountId(), terms.creditAccountId())) {
            debitLeg.run();
            creditLeg.run();
        } else {
            creditLeg.run();
            debitLeg.run();
        }
    }

    /** @return the account (for the settlement account: the given shard, opened by its first leg), or null */
    private Aggregate<Account> loadOrOpenWorld(String accountId, String currency, String settlementShard) {
        String target = WorldAccount.isWorld(accountId) && settlementShard != null ? settlementShard : accountId;
        Optional<Aggregate<Account>> account = Aggregates.find(accounts, StreamIds.account(target));
        if (account.isEmpty() && WorldAccount.isWorld(target) && WorldAccount.currencyOf(target).equals(currency)) {
            return Aggregates.create(accounts, () -> Account.openSettlementShard(target));
        }
        return account.orElse(null);
    }

    static AccountSnapshot snapshotOf(Aggregate<Account> account) {
        return account == null ? null : account.invoke(Account::snapshot);
    }
}
