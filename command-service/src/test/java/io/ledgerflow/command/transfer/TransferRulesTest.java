package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TransferRulesTest {

    static AccountSnapshot account(String id, String currency, long posted, long overdraft, AccountStatus status) {
        return new AccountSnapshot(id, "owner", currency, null, overdraft, Map.of(), false, status,
                new Balances(posted, 0, 0), 1, Instant.EPOCH, Instant.EPOCH);
    }

    static TransferTerms terms(String from, String to, long amount, String currency) {
        return new TransferTerms(TransferKind.TRANSFER, from, to, amount, currency, null, Map.of());
    }

    private static final Actor OWNER = new Actor("owner", false);

    private static Optional<RejectionCode> check(TransferTerms terms, AccountSnapshot debit, AccountSnapshot credit) {
        TransferDecision decision = TransferRules.decide(new TransferAttempt("t-1", terms, OWNER), debit, credit);
        return decision instanceof TransferDecision.Reject reject
                ? Optional.of(RejectionCode.valueOf(reject.transfer().rejectionCode()))
                : Optional.empty();
    }

    private static TransferSnapshot stored(TransferTerms terms, Rejection rejection) {
        return new TransferSnapshot("t-1", terms, rejection == null ? TransferStatus.POSTED : TransferStatus.REJECTED,
                rejection, Instant.EPOCH, Instant.EPOCH, "owner");
    }

    private final AccountSnapshot a = account("a", "USD", 1000, 0, AccountStatus.OPEN);
    private final AccountSnapshot b = account("b", "USD", 0, 0, AccountStatus.OPEN);

    @Test
    void a_transfer_within_the_available_balance_passes() {
        assertThat(check(terms("a", "b", 1000, "USD"), a, b)).isEmpty();
    }

    @Test
    void a_debit_beyond_the_available_balance_is_insufficient_funds() {
        assertThat(check(terms("a", "b", 1001, "USD"), a, b)).contains(RejectionCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void the_overdraft_limit_extends_what_is_available() {
        AccountSnapshot overdrawn = account("a", "USD", 1000, 500, AccountStatus.OPEN);
        assertThat(check(terms("a", "b", 1500, "USD"), overdrawn, b)).isEmpty();
        assertThat(check(terms("a", "b", 1501, "USD"), overdrawn, b)).contains(RejectionCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void a_missing_account_on_either_side_is_account_not_found() {
        assertThat(check(terms("a", "b", 1, "USD"), null, b)).contains(RejectionCode.ACCOUNT_NOT_FOUND);
        assertThat(check(terms("a", "b", 1, "USD"), a, null)).contains(RejectionCode.ACCOUNT_NOT_FOUND);
    }

    @Test
    void both_sides_must_hold_the_transfer_currency() {
        AccountSnapshot euros = account("b", "EUR", 0, 0, AccountStatus.OPEN);
        assertThat(check(terms("a", "b", 1, "USD"), a, euros)).contains(RejectionCode.CURRENCY_MISMATCH);
        assertThat(check(terms("a", "b", 1, "EUR"), a, euros)).contains(RejectionCode.CURRENCY_MISMATCH);
    }

    @Test
    void an_account_cannot_pay_itself() {
        assertThat(check(terms("a", "a", 1, "USD"), a, a)).contains(RejectionCode.SAME_ACCOUNT);
    }

    @Test
    void amounts_outside_one_to_two_pow_53_minus_one_are_invalid() {
        assertThat(check(terms("a", "b", 0, "USD"), a, b)).contains(RejectionCode.INVALID_AMOUNT);
        assertThat(check(terms("a", "b", -5, "USD"), a, b)).contains(RejectionCode.INVALID_AMOUNT);
        assertThat(check(terms("a", "b", Money.MAX + 1, "USD"), a, b)).contains(RejectionCode.INVALID_AMOUNT);
    }

    @Test
    void a_credit_that_would_pass_the_balance_bound_is_amount_overflow() {
        AccountSnapshot rich = account("a", "USD", Money.MAX, 0, AccountStatus.OPEN);
        AccountSnapshot full = account("b", "USD", Money.MAX, 0, AccountStatus.OPEN);
        assertThat(check(terms("a", "b", 1, "USD"), rich, full)).contains(RejectionCode.AMOUNT_OVERFLOW);
    }

    @Test
    void frozen_accounts_take_credits_but_give_no_debits_and_closed_ones_do_neither() {
        AccountSnapshot frozen = account("f", "USD", 1000, 0, AccountStatus.FROZEN);
        AccountSnapshot closed = account("c", "USD", 0, 0, AccountStatus.CLOSED);
        assertThat(check(terms("f", "b", 1, "USD"), frozen, b)).contains(RejectionCode.ACCOUNT_FROZEN);
        assertThat(check(terms("a", "f", 1, "USD"), a, frozen)).isEmpty();
        assertThat(check(terms("a", "c", 1, "USD"), a, closed)).contains(RejectionCode.ACCOUNT_CLOSED);
        assertThat(check(terms("c", "b", 1, "USD"), closed, b)).contains(RejectionCode.ACCOUNT_CLOSED);
    }

    @Test
    void another_owners_debit_account_is_account_not_found_but_an_operator_may_use_it() {
        TransferTerms terms = terms("a", "b", 1, "USD");
        TransferDecision stranger = TransferRules.decide(new TransferAttempt("t-1", terms, new Actor("mallory", false)), a, b);
        TransferDecision operator = TransferRules.decide(new TransferAttempt("t-1", terms, new Actor("ops", true)), a, b);

        assertThat(stranger).isInstanceOfSatisfying(TransferDecision.Reject.class,
                r -> assertThat(r.transfer().rejectionCode()).isEqualTo("ACCOUNT_NOT_FOUND"));
        assertThat(operator).isInstanceOf(TransferDecision.Post.class);
    }

    @Test
    void a_posted_transfer_decides_both_legs_with_the_balances_they_leave() {
        TransferDecision decision = TransferRules.decide(new TransferAttempt("t-1", terms("a", "b", 300, "USD"), OWNER), a, b);

        TransferDecision.Post post = (TransferDecision.Post) decision;
        assertThat(post.debit().balances().posted()).isEqualTo(700);
        assertThat(post.credit().balances().posted()).isEqualTo(300);
        assertThat(TransferRules.evolve(a, post.debit()).balances().posted()).isEqualTo(700);
        assertThat(TransferRules.evolve(b, post.credit()).available()).isEqualTo(300);
        assertThat(post.transfer().transferId()).isEqualTo("t-1");
    }

    @Test
    void a_repeat_with_the_same_fields_gets_the_first_result_and_a_rejection_stays_rejected() {
        TransferTerms terms = terms("a", "b", 5, "USD");
        TransferAttempt again = new TransferAttempt("t-1", terms, OWNER);
        Rejection refused = new Rejection(RejectionCode.INSUFFICIENT_FUNDS, "no");

        assertThat(TransferRules.decideRepeat(again, stored(terms, null)))
                .isInstanceOfSatisfying(TransferOutcome.Posted.class, p -> assertThat(p.created()).isFalse());
        assertThat(TransferRules.decideRepeat(again, stored(terms, refused)))
                .isInstanceOfSatisfying(TransferOutcome.Rejected.class, r -> assertThat(r.firstAttempt()).isFalse());
    }

    @Test
    void a_repeat_with_other_fields_is_an_id_conflict_or_for_a_rejected_id_id_already_failed() {
        TransferAttempt other = new TransferAttempt("t-1", terms("a", "c", 6, "USD"), OWNER);
        Rejection refused = new Rejection(RejectionCode.CURRENCY_MISMATCH, "no");

        assertThat(TransferRules.decideRepeat(other, stored(terms("a", "b", 5, "USD"), null)))
                .isEqualTo(new TransferOutcome.IdConflict(List.of("creditAccountId", "amount")));
        assertThat(TransferRules.decideRepeat(other, stored(terms("a", "b", 5, "USD"), refused)))
                .isEqualTo(new TransferOutcome.IdAlreadyFailed(List.of("creditAccountId", "amount"),
                        RejectionCode.CURRENCY_MISMATCH));
    }

    @Test
    void a_repeat_by_someone_else_than_the_creator_learns_nothing() {
        TransferTerms terms = terms("a", "b", 5, "USD");
        Rejection refused = new Rejection(RejectionCode.INSUFFICIENT_FUNDS, "no");
        TransferAttempt stranger = new TransferAttempt("t-1", terms("x", "y", 9, "EUR"), new Actor("mallory", false));

        assertThat(TransferRules.decideRepeat(stranger, stored(terms, refused))).isEqualTo(new TransferOutcome.IdTaken());
        assertThat(TransferRules.decideRepeat(stranger, stored(terms, null))).isEqualTo(new TransferOutcome.IdTaken());
    }
}
