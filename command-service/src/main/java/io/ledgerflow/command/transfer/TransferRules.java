package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.events.transfer.TransferTerms;

import java.util.Optional;

/** Decides whether a single-phase transfer may post. Pure: the same inputs always give the same answer. */
public final class TransferRules {

    private TransferRules() {
    }

    /**
     * @param debit  the account to debit, or {@code null} when it does not exist
     * @param credit the account to credit, or {@code null} when it does not exist
     */
    public static Optional<Rejection> check(TransferTerms terms, AccountSnapshot debit, AccountSnapshot credit) {
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
        return debit.checkDebit(terms.amount()).or(() -> credit.checkCredit(terms.amount()));
    }
}
