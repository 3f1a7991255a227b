package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every rule of a single-phase transfer, deposit or withdrawal, as pure functions of the attempt and the current
 * states: {@link #decide} for a new id, {@link #decideRepeat} for an id that exists, {@link #evolve} for what a
 * decided leg does to its account. {@link TransferCommandHandler} only locks, loads, asks and appends.
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
        Optional<Rejection> rejection = check(terms, usableDebit, credit);
        if (rejection.isPresent()) {
            return new TransferDecision.Reject(new TransferRejected(attempt.transferId(), terms,
                    rejection.get().code().name(), rejection.get().detail()));
        }
        long amount = terms.amount();
        Balances debited = debit.balances();
        Balances credited = credit.balances();
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
        boolean rejected = existing.status() == TransferStatus.REJECTED;
        if (!differing.isEmpty()) {
            return rejected
                    ? new TransferOutcome.IdAlreadyFailed(differing, existing.rejection().code())
                    : new TransferOutcome.IdConflict(differing);
        }
        return rejected ? new TransferOutcome.Rejected(existing, false) : new TransferOutcome.Posted(existing, false);
    }

    /** An account after a leg that {@link #decide} decided: the leg carries the balances it leaves. */
    public static AccountSnapshot evolve(AccountSnapshot account, AccountEvent leg) {
        Balances balances;
        if (leg instanceof AccountDebited debited) {
            balances = debited.balances();
        } else if (leg instanceof AccountCredited credited) {
            balances = credited.balances();
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
        if (Money.add(account.balances().posted(), -amount) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW, "debiting " + amount + " would overflow account " + id);
        }
        if (!account.system() && amount > account.available()) {
            return Rejection.of(RejectionCode.INSUFFICIENT_FUNDS,
                    "account " + id + " has " + account.available() + " available, " + amount + " needed");
        }
        return Optional.empty();
    }

    /** Frozen accounts still receive credits; a closed account receives nothing. */
    private static Optional<Rejection> checkCredit(AccountSnapshot account, long amount) {
        if (account.status() == AccountStatus.CLOSED) {
            return Rejection.of(RejectionCode.ACCOUNT_CLOSED, "account " + account.id() + " is closed");
        }
        if (Money.add(account.balances().posted(), amount) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW,
                    "crediting " + amount + " would overflow account " + account.id());
        }
        return Optional.empty();
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
