package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every rule of a transfer (single-phase or pending), deposit or withdrawal, as pure functions of the attempt and the
 * current states: {@link #decide} for a new id (a pending attempt gets the same checks, then {@link
 * TransferDecision.Hold} instead of {@link TransferDecision.Post}), {@link #decideRepeat} for an id that exists,
 * {@link #decideResolution} to post, void or expire a pending one, {@link #evolve} for what a decided leg does to
 * its account. {@link TransferCommandHandler} only locks, loads, asks and appends.
 * <p>
 * When several rules fail, the first in docs/api.md's order wins: {@code INVALID_AMOUNT}, {@code SAME_ACCOUNT},
 * {@code ACCOUNT_NOT_FOUND} (debit, then credit), {@code CURRENCY_MISMATCH}, the debit account's {@code
 * ACCOUNT_CLOSED}, {@code ACCOUNT_FROZEN}, {@code AMOUNT_OVERFLOW}, {@code INSUFFICIENT_FUNDS}, then the credit
 * account's {@code ACCOUNT_CLOSED}, {@code AMOUNT_OVERFLOW}.
 */
public final class TransferRules {

    private TransferRules() {
    }

    /**
     * @param debit  the account to debit, or {@code null} when it does not exist
     * @param credit the account to credit, or {@code null} when it does not exist
     */
    public static TransferDecision decide(TransferAttempt attempt, AccountSnapshot debit, AccountSnapshot credit) {
        TransferTerms terms = attempt.terms();
        // another owner's debit account gets exactly what an unknown one gets, recorded and sticky like it
        AccountSnapshot usableDebit = debit != null && attempt.actor().mayUse(debit.ownerId()) ? debit : null;
        Optional<Rejection> rejection = check(terms, usableDebit, credit)
                .or(() -> attempt.pending() ? checkHold(terms.amount(), debit, credit) : Optional.empty());
        if (rejection.isPresent()) {
            return new TransferDecision.Reject(new TransferRejected(attempt.transferId(), terms,
                    rejection.get().code().name(), rejection.get().detail(), attempt.pending(),
                    attempt.timeoutSeconds()));
        }
        long amount = terms.amount();
        Balances debited = debit.balances();
        Balances credited = credit.balances();
        if (attempt.pending()) {
            return new TransferDecision.Hold(
                    new AccountDebitReserved(debit.id(), attempt.transferId(), amount,
                            new Balances(debited.posted(), debited.pendingDebits() + amount, debited.pendingCredits())),
                    new AccountCreditReserved(credit.id(), attempt.transferId(), amount,
                            new Balances(credited.posted(), credited.pendingDebits(), credited.pendingCredits() + amount)),
                    new TransferPending(attempt.transferId(), terms, attempt.timeoutSeconds()));
        }
        return new TransferDecision.Post(
                new AccountDebited(debit.id(), attempt.transferId(), amount,
                        new Balances(debited.posted() - amount, debited.pendingDebits(), debited.pendingCredits())),
                new AccountCredited(credit.id(), attempt.transferId(), amount,
                        new Balances(credited.posted() + amount, credited.pendingDebits(), credited.pendingCredits())),
                new TransferPosted(attempt.transferId(), terms));
    }

    /**
     * A second request with a known id: the first result, the same rejection (sticky), or the fields that differ.
     * Only the transfer's creator learns anything about it.
     */
    public static TransferOutcome decideRepeat(TransferAttempt attempt, TransferSnapshot existing) {
        if (!attempt.actor().mayUse(existing.createdBy())) {
            return new TransferOutcome.IdTaken();
        }
        List<String> differing = differingFields(existing.terms(), attempt.terms());
        compare(differing, "pending", existing.pending(), attempt.pending());
        compare(differing, "timeoutSeconds", existing.timeoutSeconds(), attempt.timeoutSeconds());
        boolean rejected = existing.status() == TransferStatus.REJECTED;
        if (!differing.isEmpty()) {
            return rejected
                    ? new TransferOutcome.IdAlreadyFailed(differing, existing.rejection().code())
                    : new TransferOutcome.IdConflict(differing);
        }
        return rejected ? new TransferOutcome.Rejected(existing, false) : new TransferOutcome.Posted(existing, false);
    }

    /**
     * Post, void or expire a pending transfer, decided once: the transfer must be {@code PENDING}, its caller one who
     * {@link #mayResolve may resolve it}, a post amount at most the pending amount, a post's debit account not
     * frozen, and a post or
     * void must come before its timeout ({@code TRANSFER_EXPIRED} from then on, even before the expiry job ran), and
     * an expiry must not.
     * Posting moves {@code amount} and releases the whole reservation on both sides in the same leg; voiding and
     * expiring release it.
     *
     * @param debit  the debit account (it exists: it holds the reservation), null only for a rejected transfer
     * @param credit the credit account, likewise
     * @param now    the time the command is decided at
     */
    public static ResolutionDecision decideResolution(Resolution resolution, Actor actor, TransferSnapshot transfer,
                                                      AccountSnapshot debit, AccountSnapshot credit, Instant now) {
        if (!(resolution instanceof Resolution.ExpirePending) && !mayResolve(resolution, actor, transfer, debit, credit)) {
            return new ResolutionDecision.NotFound();
        }
        String id = transfer.id();
        Optional<Rejection> refusal = switch (transfer.status()) {
            case PENDING -> Optional.empty();
            case POSTED -> transfer.pending()
                    ? Rejection.of(RejectionCode.TRANSFER_ALREADY_POSTED, "transfer " + id + " was already posted")
                    : Rejection.of(RejectionCode.TRANSFER_NOT_PENDING, "transfer " + id + " is not a pending transfer");
            case REJECTED -> Rejection.of(RejectionCode.TRANSFER_NOT_PENDING, "transfer " + id + " was rejected");
            case VOIDED -> Rejection.of(RejectionCode.TRANSFER_ALREADY_VOIDED, "transfer " + id + " was already voided");
            case EXPIRED -> Rejection.of(RejectionCode.TRANSFER_EXPIRED, "transfer " + id + " has expired");
        };
        if (refusal.isEmpty() && !(resolution instanceof Resolution.ExpirePending)
                && transfer.expiresAt() != null && !now.isBefore(transfer.expiresAt())) {
            refusal = Rejection.of(RejectionCode.TRANSFER_EXPIRED, "transfer " + id + " expired at " + transfer.expiresAt());
        }
        // the job finds due rows by the database's clock; the same clock as a post's or a void's decides, so an
        // instance whose clock is behind the database's never expires a hold its clients may still post
        if (refusal.isEmpty() && resolution instanceof Resolution.ExpirePending
                && transfer.expiresAt() != null && now.isBefore(transfer.expiresAt())) {
            refusal = Rejection.of(RejectionCode.TRANSFER_NOT_PENDING,
                    "transfer " + id + " is not due to expire before " + transfer.expiresAt());
        }
        long pending = transfer.terms().amount();
        if (refusal.isEmpty() && resolution instanceof Resolution.PostPending post && post.amount() != null
                && post.amount() > pending) {
            refusal = Rejection.of(RejectionCode.POST_AMOUNT_EXCEEDS_PENDING,
                    "transfer " + id + " has " + pending + " pending, " + post.amount() + " asked to post");
        }
        // a frozen account takes no debits, a hold granted before the freeze included; voiding it releases money
        if (refusal.isEmpty() && resolution instanceof Resolution.PostPending
                && debit.status() == AccountStatus.FROZEN) {
            refusal = Rejection.of(RejectionCode.ACCOUNT_FROZEN, "account " + debit.id() + " is frozen: transfer "
                    + id + " can be voided, not posted");
        }
        if (refusal.isPresent()) {
            return new ResolutionDecision.Refuse(refusal.get());
        }
        Balances debited = debit.balances();
        Balances credited = credit.balances();
        if (resolution instanceof Resolution.PostPending post) {
            long amount = post.amount() == null ? pending : post.amount();
            return new ResolutionDecision.Resolve(
                    new AccountDebited(debit.id(), id, amount, new Balances(debited.posted() - amount,
                            debited.pendingDebits() - pending, debited.pendingCredits())),
                    new AccountCredited(credit.id(), id, amount, new Balances(credited.posted() + amount,
                            credited.pendingDebits(), credited.pendingCredits() - pending)),
                    new TransferPendingPosted(id, transfer.terms(), amount));
        }
        AccountReservationReleased debitReleased = new AccountReservationReleased(debit.id(), id, pending,
                new Balances(debited.posted(), debited.pendingDebits() - pending, debited.pendingCredits()));
        AccountReservationReleased creditReleased = new AccountReservationReleased(credit.id(), id, pending,
                new Balances(credited.posted(), credited.pendingDebits(), credited.pendingCredits() - pending));
        return new ResolutionDecision.Resolve(debitReleased, creditReleased,
                resolution instanceof Resolution.VoidPending
                        ? new TransferVoided(id, transfer.terms())
                        : new TransferExpired(id, transfer.terms()));
    }

    /**
     * Who may resolve a hold: its creator (operators count as everyone's), and for a void the credit account's owner
     * too unless it owns the debit account as well (declining money offered: a hold with no timeout that nobody else
     * voids would otherwise keep the account from ever closing). Not the debit account's owner as such: a hold an
     * operator placed on it, a payment gateway's authorisation, is the operator's to capture or release, not the
     * payer's to cancel or capture short. A rejected attempt is only its creator's to know about, as on the query
     * side.
     */
    private static boolean mayResolve(Resolution resolution, Actor actor, TransferSnapshot transfer,
                                      AccountSnapshot debit, AccountSnapshot credit) {
        boolean creator = actor.mayUse(transfer.createdBy());
        if (transfer.status() == TransferStatus.REJECTED) {
            return creator;
        }
        // a caller owning both sides would otherwise release a hold an operator placed between them (escrow, a lien)
        boolean declines = credit != null && actor.mayUse(credit.ownerId())
                && !(debit != null && actor.mayUse(debit.ownerId()));
        return creator || (declines && resolution instanceof Resolution.VoidPending);
    }

    /** An account after a leg that {@link #decide} decided: the leg carries the balances it leaves. */
    public static AccountSnapshot evolve(AccountSnapshot account, AccountEvent leg) {
        Balances balances;
        if (leg instanceof AccountDebited debited) {
            balances = debited.balances();
        } else if (leg instanceof AccountCredited credited) {
            balances = credited.balances();
        } else if (leg instanceof AccountDebitReserved reserved) {
            balances = reserved.balances();
        } else if (leg instanceof AccountCreditReserved reserved) {
            balances = reserved.balances();
        } else if (leg instanceof AccountReservationReleased released) {
            balances = released.balances();
        } else {
            throw new IllegalArgumentException("not a leg of a transfer: " + leg);
        }
        return new AccountSnapshot(account.id(), account.ownerId(), account.currency(), account.code(),
                account.overdraftLimit(), account.metadata(), account.system(), account.status(), balances,
                account.version() + 1, account.openedAt(), account.updatedAt());
    }

    private static Optional<Rejection> check(TransferTerms terms, AccountSnapshot debit, AccountSnapshot credit) {
        if (!Money.isValidAmount(terms.amount())) {
            return Rejection.of(RejectionCode.INVALID_AMOUNT, "amount must be between 1 and " + Money.MAX);
        }
        if (terms.debitAccountId().equals(terms.creditAccountId())) {
            return Rejection.of(RejectionCode.SAME_ACCOUNT, "debit and credit account are both " + terms.debitAccountId());
        }
        if (debit == null) {
            return Rejection.of(RejectionCode.ACCOUNT_NOT_FOUND, "account " + terms.debitAccountId() + " does not exist");
        }
        if (credit == null) {
            return Rejection.of(RejectionCode.ACCOUNT_NOT_FOUND, "account " + terms.creditAccountId() + " does not exist");
        }
        // names the account, never its currency: the credit account may be another owner's
        if (!debit.currency().equals(terms.currency())) {
            return Rejection.of(RejectionCode.CURRENCY_MISMATCH, "account " + debit.id() + " is not in " + terms.currency());
        }
        if (!credit.currency().equals(terms.currency())) {
            return Rejection.of(RejectionCode.CURRENCY_MISMATCH, "account " + credit.id() + " is not in " + terms.currency());
        }
        return checkDebit(debit, terms.amount()).or(() -> checkCredit(credit, terms.amount()));
    }

    private static Optional<Rejection> checkDebit(AccountSnapshot account, long amount) {
        String id = account.id();
        if (account.status() == AccountStatus.CLOSED) {
            return Rejection.of(RejectionCode.ACCOUNT_CLOSED, "account " + id + " is closed");
        }
        if (account.status() == AccountStatus.FROZEN) {
            return Rejection.of(RejectionCode.ACCOUNT_FROZEN, "account " + id + " is frozen");
        }
        if (postedAfter(account, -amount) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW, "debiting " + amount + " would overflow account " + id);
        }
        if (!account.system() && amount > account.available()) {
            return Rejection.of(RejectionCode.INSUFFICIENT_FUNDS,
                    "account " + id + " has " + account.available() + " available, " + amount + " needed");
        }
        return Optional.empty();
    }

    /** A hold must also fit beside the account's other pending amounts. */
    private static Optional<Rejection> checkHold(long amount, AccountSnapshot debit, AccountSnapshot credit) {
        if (Money.add(debit.balances().pendingDebits(), amount) == null
                || Money.add(debit.balances().posted(), -(debit.balances().pendingDebits() + amount)) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW, "reserving " + amount + " would overflow account " + debit.id());
        }
        if (Money.add(credit.balances().pendingCredits(), amount) == null
                || Money.add(credit.balances().posted(), credit.balances().pendingCredits() + amount) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW, "reserving " + amount + " would overflow account " + credit.id());
        }
        return Optional.empty();
    }

    /**
     * Frozen accounts still receive credits; a closed account receives nothing. A credit leaves room for the holds the
     * account was already granted, so posting them later cannot take its balance out of bounds.
     */
    private static Optional<Rejection> checkCredit(AccountSnapshot account, long amount) {
        if (account.status() == AccountStatus.CLOSED) {
            return Rejection.of(RejectionCode.ACCOUNT_CLOSED, "account " + account.id() + " is closed");
        }
        if (creditedBalance(account, amount) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW,
                    "crediting " + amount + " would overflow account " + account.id());
        }
        return Optional.empty();
    }

    /** The balance a credit leads to, with room for the holds already granted; null out of bounds. */
    private static Long creditedBalance(AccountSnapshot account, long amount) {
        if (account.system()) {
            return postedAfter(account, amount);
        }
        Long withHolds = Money.add(account.balances().posted(), account.balances().pendingCredits());
        return withHolds == null ? null : Money.add(withHolds, amount);
    }

    /** The posted balance after a change, or null out of bounds: a settlement shard's bounds are its own. */
    private static Long postedAfter(AccountSnapshot account, long change) {
        long posted = account.balances().posted();
        return account.system() ? Money.addToSettlementShard(posted, change) : Money.add(posted, change);
    }

    private static List<String> differingFields(TransferTerms existing, TransferTerms requested) {
        List<String> fields = new ArrayList<>();
        compare(fields, "kind", existing.kind(), requested.kind());
        compare(fields, "debitAccountId", existing.debitAccountId(), requested.debitAccountId());
        compare(fields, "creditAccountId", existing.creditAccountId(), requested.creditAccountId());
        compare(fields, "amount", existing.amount(), requested.amount());
        compare(fields, "currency", existing.currency(), requested.currency());
        compare(fields, "reference", existing.reference(), requested.reference());
        compare(fields, "metadata", existing.metadata(), requested.metadata());
        return fields;
    }

    private static void compare(List<String> fields, String name, Object existing, Object requested) {
        if (!Objects.equals(existing, requested)) {
            fields.add(name);
        }
    }
}
