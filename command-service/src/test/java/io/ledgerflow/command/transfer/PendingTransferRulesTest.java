package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferTerms;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.ledgerflow.command.transfer.TransferRulesTest.terms;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of holds and of their resolution, as pure functions. */
class PendingTransferRulesTest {

    private static final Actor OWNER = new Actor("owner", false);
    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");
    private final TransferTerms terms = terms("a", "b", 300, "USD");

    private static AccountSnapshot account(String id, Balances balances, AccountStatus status) {
        return new AccountSnapshot(id, "owner", "USD", null, 0, Map.of(), false, status, balances, 1, CREATED, CREATED);
    }

    private TransferSnapshot pending(Long timeoutSeconds) {
        return new TransferSnapshot("t-1", terms, TransferStatus.PENDING, null, CREATED, null, "owner", true,
                timeoutSeconds, 0);
    }

    private final AccountSnapshot a = account("a", new Balances(1000, 300, 0), AccountStatus.OPEN);
    private final AccountSnapshot b = account("b", new Balances(0, 0, 300), AccountStatus.OPEN);

    @Test
    void a_hold_counts_against_available_and_reserves_on_both_sides() {
        AccountSnapshot fresh = account("a", new Balances(1000, 700, 0), AccountStatus.OPEN);
        TransferAttempt hold = new TransferAttempt("t-2", terms, OWNER, true, 60L);

        TransferDecision fits = TransferRules.decide(hold, fresh, b);
        TransferDecision tooMuch = TransferRules.decide(new TransferAttempt("t-3", terms("a", "b", 301, "USD"), OWNER,
                true, null), fresh, b);

        assertThat(fits).isInstanceOfSatisfying(TransferDecision.Hold.class, h -> {
            assertThat(h.debit().balances()).isEqualTo(new Balances(1000, 1000, 0));
            assertThat(h.credit().balances()).isEqualTo(new Balances(0, 0, 600));
            assertThat(h.transfer().timeoutSeconds()).isEqualTo(60L);
        });
        assertThat(tooMuch).isInstanceOfSatisfying(TransferDecision.Reject.class,
                r -> assertThat(r.transfer().rejectionCode()).isEqualTo("INSUFFICIENT_FUNDS"));
    }

    @Test
    void a_partial_post_moves_the_amount_and_releases_the_whole_reservation() {
        ResolutionDecision decision = TransferRules.decideResolution(new Resolution.PostPending(200L), OWNER,
                pending(null), a, b, CREATED.plusSeconds(5));

        assertThat(decision).isInstanceOfSatisfying(ResolutionDecision.Resolve.class, r -> {
            assertThat(r.debit()).isEqualTo(new AccountDebited("a", "t-1", 200, new Balances(800, 0, 0)));
            assertThat(r.credit()).isEqualTo(new AccountCredited("b", "t-1", 200, new Balances(200, 0, 0)));
        });
    }

    @Test
    void a_post_or_void_at_or_after_the_timeout_is_expired_but_the_expiry_itself_passes() {
        Instant due = CREATED.plusSeconds(10);

        ResolutionDecision late = TransferRules.decideResolution(new Resolution.VoidPending(), OWNER, pending(10L), a, b, due);
        ResolutionDecision early = TransferRules.decideResolution(new Resolution.VoidPending(), OWNER, pending(10L), a, b,
                due.minusMillis(1));
        ResolutionDecision expiry = TransferRules.decideResolution(new Resolution.ExpirePending(),
                new Actor("system:expiry", true), pending(10L), a, b, due);

        assertThat(late).isEqualTo(new ResolutionDecision.Refuse(new Rejection(RejectionCode.TRANSFER_EXPIRED,
                "transfer t-1 expired at " + due)));
        assertThat(early).isInstanceOf(ResolutionDecision.Resolve.class);
        assertThat(expiry).isInstanceOfSatisfying(ResolutionDecision.Resolve.class, r -> {
            assertThat(r.debit()).isEqualTo(new AccountReservationReleased("a", "t-1", 300, new Balances(1000, 0, 0)));
            assertThat(r.transfer()).isEqualTo(new TransferExpired("t-1", terms));
        });
    }

    @Test
    void an_expiry_before_the_timeout_by_this_instances_clock_is_refused_and_changes_nothing() {
        Instant due = CREATED.plusSeconds(10);

        ResolutionDecision early = TransferRules.decideResolution(new Resolution.ExpirePending(),
                new Actor("system:expiry", true), pending(10L), a, b, due.minusMillis(1));
        ResolutionDecision post = TransferRules.decideResolution(new Resolution.PostPending(null), OWNER, pending(10L),
                a, b, due.minusMillis(1));

        assertThat(code(early)).isEqualTo(RejectionCode.TRANSFER_NOT_PENDING);
        assertThat(post).as("the hold is still the client's to post").isInstanceOf(ResolutionDecision.Resolve.class);
    }

    @Test
    void a_resolved_transfer_names_how_it_was_resolved_and_a_stranger_learns_nothing() {
        TransferSnapshot voided = new TransferSnapshot("t-1", terms, TransferStatus.VOIDED, null, CREATED, CREATED,
                "owner", true, null, 0);
        TransferSnapshot single = new TransferSnapshot("t-1", terms, TransferStatus.POSTED, null, CREATED, CREATED, "owner");

        assertThat(code(TransferRules.decideResolution(new Resolution.PostPending(null), OWNER, voided, a, b, CREATED)))
                .isEqualTo(RejectionCode.TRANSFER_ALREADY_VOIDED);
        assertThat(code(TransferRules.decideResolution(new Resolution.PostPending(null), OWNER, single, a, b, CREATED)))
                .isEqualTo(RejectionCode.TRANSFER_NOT_PENDING);
        assertThat(code(TransferRules.decideResolution(new Resolution.PostPending(301L), OWNER, pending(null), a, b,
                CREATED))).isEqualTo(RejectionCode.POST_AMOUNT_EXCEEDS_PENDING);
        assertThat(TransferRules.decideResolution(new Resolution.VoidPending(), new Actor("mallory", false),
                pending(null), a, b, CREATED)).isInstanceOf(ResolutionDecision.NotFound.class);
    }

    @Test
    void a_credit_leaves_room_for_the_holds_already_granted_so_posting_them_stays_within_bounds() {
        // b was granted a hold of 10 beside MAX − 10 posted: it can take no more until the hold is resolved
        AccountSnapshot nearlyFull = account("b", new Balances(Money.MAX - 10, 0, 10), AccountStatus.OPEN);
        AccountSnapshot funded = account("a", new Balances(1000, 10, 0), AccountStatus.OPEN);

        TransferDecision more = TransferRules.decide(new TransferAttempt("t-2", terms("a", "b", 1, "USD"), OWNER),
                funded, nearlyFull);
        TransferDecision fits = TransferRules.decide(new TransferAttempt("t-3", terms("a", "b", 1, "USD"), OWNER),
                funded, account("b", new Balances(Money.MAX - 11, 0, 10), AccountStatus.OPEN));

        assertThat(more).isInstanceOfSatisfying(TransferDecision.Reject.class,
                r -> assertThat(r.transfer().rejectionCode()).isEqualTo("AMOUNT_OVERFLOW"));
        assertThat(fits).isInstanceOfSatisfying(TransferDecision.Post.class,
                p -> assertThat(p.credit().balances()).isEqualTo(new Balances(Money.MAX - 10, 0, 10)));
    }

    @Test
    void a_hold_on_an_account_frozen_since_can_be_voided_but_not_posted_by_anyone() {
        AccountSnapshot frozen = account("a", new Balances(1000, 300, 0), AccountStatus.FROZEN);

        ResolutionDecision byOwner = TransferRules.decideResolution(new Resolution.PostPending(null), OWNER,
                pending(null), frozen, b, CREATED);
        ResolutionDecision byOperator = TransferRules.decideResolution(new Resolution.PostPending(1L),
                new Actor("op", true), pending(null), frozen, b, CREATED);
        ResolutionDecision voided = TransferRules.decideResolution(new Resolution.VoidPending(), OWNER,
                pending(null), frozen, b, CREATED);

        assertThat(code(byOwner)).isEqualTo(RejectionCode.ACCOUNT_FROZEN);
        assertThat(code(byOperator)).isEqualTo(RejectionCode.ACCOUNT_FROZEN);
        assertThat(voided).isInstanceOfSatisfying(ResolutionDecision.Resolve.class, resolve -> assertThat(
                resolve.debit()).isEqualTo(new AccountReservationReleased("a", "t-1", 300, new Balances(1000, 0, 0))));
    }

    @Test
    void the_credit_accounts_owner_may_void_a_hold_offered_to_it_but_never_post_it() {
        Actor payee = new Actor("payee", false);
        AccountSnapshot payees = new AccountSnapshot("b", "payee", "USD", null, 0, Map.of(), false, AccountStatus.OPEN,
                new Balances(0, 0, 300), 1, CREATED, CREATED);

        ResolutionDecision declined = TransferRules.decideResolution(new Resolution.VoidPending(), payee, pending(null),
                a, payees, CREATED);
        ResolutionDecision taken = TransferRules.decideResolution(new Resolution.PostPending(null), payee,
                pending(null), a, payees, CREATED);

        assertThat(declined).isInstanceOfSatisfying(ResolutionDecision.Resolve.class, resolve -> {
            assertThat(resolve.debit()).isEqualTo(new AccountReservationReleased("a", "t-1", 300,
                    new Balances(1000, 0, 0)));
            assertThat(resolve.credit()).isEqualTo(new AccountReservationReleased("b", "t-1", 300,
                    new Balances(0, 0, 0)));
        });
        assertThat(taken).isInstanceOf(ResolutionDecision.NotFound.class);
    }

    @Test
    void an_operators_hold_is_the_operators_to_resolve_not_the_debit_accounts_owners() {
        TransferSnapshot authorisation = new TransferSnapshot("t-1", terms, TransferStatus.PENDING, null, CREATED, null,
                "gateway", true, null, 0);
        AccountSnapshot merchants = new AccountSnapshot("b", "merchant", "USD", null, 0, Map.of(), false,
                AccountStatus.OPEN, new Balances(0, 0, 300), 1, CREATED, CREATED);

        ResolutionDecision capturedShort = TransferRules.decideResolution(new Resolution.PostPending(1L), OWNER,
                authorisation, a, merchants, CREATED);
        ResolutionDecision cancelled = TransferRules.decideResolution(new Resolution.VoidPending(), OWNER,
                authorisation, a, merchants, CREATED);
        ResolutionDecision captured = TransferRules.decideResolution(new Resolution.PostPending(null),
                new Actor("gateway", true), authorisation, a, merchants, CREATED);
        ResolutionDecision ownHold = TransferRules.decideResolution(new Resolution.PostPending(1L), OWNER,
                pending(null), a, b, CREATED);

        assertThat(capturedShort).isInstanceOf(ResolutionDecision.NotFound.class);
        assertThat(cancelled).isInstanceOf(ResolutionDecision.NotFound.class);
        assertThat(captured).isInstanceOf(ResolutionDecision.Resolve.class);
        assertThat(ownHold).as("a hold the owner placed itself stays its own to post")
                .isInstanceOf(ResolutionDecision.Resolve.class);
    }

    @Test
    void an_operators_hold_between_two_accounts_of_one_owner_is_not_that_owners_to_void() {
        TransferSnapshot lien = new TransferSnapshot("t-1", terms, TransferStatus.PENDING, null, CREATED, null,
                "gateway", true, null, 0);

        ResolutionDecision released = TransferRules.decideResolution(new Resolution.VoidPending(), OWNER, lien, a, b,
                CREATED);

        assertThat(released).as("a and b are both the owner's").isInstanceOf(ResolutionDecision.NotFound.class);
    }

    @Test
    void a_rejected_attempt_is_not_found_by_anyone_but_its_creator_even_the_debit_accounts_owner() {
        Rejection insufficient = new Rejection(RejectionCode.INSUFFICIENT_FUNDS, "not enough");
        TransferSnapshot rejected = new TransferSnapshot("t-1", terms, TransferStatus.REJECTED, insufficient,
                CREATED, CREATED, "someone-else");
        TransferSnapshot ownRejected = new TransferSnapshot("t-1", terms, TransferStatus.REJECTED, insufficient,
                CREATED, CREATED, "owner");

        assertThat(TransferRules.decideResolution(new Resolution.VoidPending(), OWNER, rejected, a, b, CREATED))
                .isInstanceOf(ResolutionDecision.NotFound.class);
        assertThat(code(TransferRules.decideResolution(new Resolution.VoidPending(), OWNER, ownRejected, a, b,
                CREATED))).isEqualTo(RejectionCode.TRANSFER_NOT_PENDING);
        assertThat(code(TransferRules.decideResolution(new Resolution.VoidPending(), new Actor("op", true), rejected,
                a, b, CREATED))).isEqualTo(RejectionCode.TRANSFER_NOT_PENDING);
    }

    private static RejectionCode code(ResolutionDecision decision) {
        return ((ResolutionDecision.Refuse) decision).rejection().code();
    }
}
