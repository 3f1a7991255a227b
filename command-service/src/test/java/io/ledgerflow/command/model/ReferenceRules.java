package io.ledgerflow.command.model;

import io.ledgerflow.command.model.LedgerCommand.Who;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The transfer rules of the reference model, as PRODUCT.md and docs/api.md state them: what refuses a new transfer
 * (first reason in the documented order) and what a second request with a known id gets. No production code.
 */
final class ReferenceRules {

    static final BigInteger MAX = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);

    private ReferenceRules() {
    }

    /** The first rule a new transfer breaks, in docs/api.md's order; null when it may be applied. */
    static String rejection(Who actor, ModelTerms terms, boolean pending, Map<String, ModelAccount> ledger) {
        BigInteger amount = BigInteger.valueOf(terms.amount());
        if (amount.signum() <= 0 || amount.compareTo(MAX) > 0) {
            return "INVALID_AMOUNT";
        }
        if (terms.debit().equals(terms.credit())) {
            return "SAME_ACCOUNT";
        }
        ModelAccount debit = ledger.get(terms.debit());
        ModelAccount credit = ledger.get(terms.credit());
        if (debit == null || !(actor.operator || debit.owner.equals(actor.subject))) {
            return "ACCOUNT_NOT_FOUND";
        }
        if (credit == null) {
            return "ACCOUNT_NOT_FOUND";
        }
        if (!debit.currency.equals(terms.currency()) || !credit.currency.equals(terms.currency())) {
            return "CURRENCY_MISMATCH";
        }
        if (debit.status.equals("CLOSED")) {
            return "ACCOUNT_CLOSED";
        }
        if (debit.status.equals("FROZEN")) {
            return "ACCOUNT_FROZEN";
        }
        if (!debit.system && outOfBounds(debit.posted.subtract(amount))) {
            return "AMOUNT_OVERFLOW";
        }
        if (!debit.system && amount.compareTo(debit.available()) > 0) {
            return "INSUFFICIENT_FUNDS";
        }
        if (credit.status.equals("CLOSED")) {
            return "ACCOUNT_CLOSED";
        }
        // a credit leaves room for the holds the account was already granted
        if (!credit.system && outOfBounds(credit.posted.add(credit.pendingCredits).add(amount))) {
            return "AMOUNT_OVERFLOW";
        }
        // a hold must fit beside the other pending amounts: posting every hold stays within bounds
        if (pending && (outOfBounds(debit.pendingDebits.add(amount))
                || outOfBounds(debit.posted.subtract(debit.pendingDebits).subtract(amount))
                || outOfBounds(credit.pendingCredits.add(amount))
                || outOfBounds(credit.posted.add(credit.pendingCredits).add(amount)))) {
            return "AMOUNT_OVERFLOW";
        }
        return null;
    }

    /**
     * Customer balances stay within ±(2^53−1). A settlement account has no limit in the model; the ledger bounds
     * each of its shards at ±(2^63−1)/8 so that their sum stays exact, far beyond any balance the generated
     * ledgers (a handful of accounts, each within 2^53) can reach.
     */
    private static boolean outOfBounds(BigInteger balance) {
        return balance.abs().compareTo(MAX) > 0;
    }

    /** A known id: the stored result, the same rejection, or the fields that differ; only for its creator. */
    static String repeat(Who actor, ModelTransfer existing, ModelTerms terms, boolean pending, Long timeout) {
        if (!actor.operator && !existing.createdBy.equals(actor.subject)) {
            return "ID_TAKEN";
        }
        TreeSet<String> differing = new TreeSet<>();
        ModelTerms had = existing.terms;
        differ(differing, "kind", had.kind(), terms.kind());
        differ(differing, "debitAccountId", had.debit(), terms.debit());
        differ(differing, "creditAccountId", had.credit(), terms.credit());
        differ(differing, "amount", had.amount(), terms.amount());
        differ(differing, "currency", had.currency(), terms.currency());
        differ(differing, "reference", had.reference(), terms.reference());
        differ(differing, "pending", existing.pending, pending);
        differ(differing, "timeoutSeconds", existing.timeout, timeout);
        boolean rejected = existing.status.equals("REJECTED");
        if (!differing.isEmpty()) {
            return rejected ? "ID_ALREADY_FAILED" + differing + ":" + existing.rejection : "ID_CONFLICT" + differing;
        }
        return rejected ? "REJECTED_AGAIN:" + existing.rejection : "REPEAT:" + existing.status;
    }

    private static void differ(TreeSet<String> differing, String field, Object had, Object asked) {
        if (!Objects.equals(had, asked)) {
            differing.add(field);
        }
    }
}
