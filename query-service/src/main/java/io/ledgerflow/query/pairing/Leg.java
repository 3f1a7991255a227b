package io.ledgerflow.query.pairing;

import io.ledgerflow.events.account.AccountClosed;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountReopened;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.Optional;

/**
 * One account's side of one step of a transfer: every balance-changing account event is one. Each step (a
 * reservation, a posting, a release) changes exactly two accounts in one transaction of the event store, so its two
 * legs share a {@code pair} id: the transfer id and the step.
 *
 * @param version the event's sequence + 1, as the account document counts versions
 */
public record Leg(String pair, String accountId, long version, Balances balances) {

    private static final Steps STEPS = new Steps();

    /** The leg an account event is, if it changes balances. */
    public static Optional<Leg> of(EventEnvelope envelope) {
        if (!(envelope.event() instanceof AccountEvent event)) {
            return Optional.empty();
        }
        Leg step = event.accept(STEPS);
        return step == null ? Optional.empty()
                : Optional.of(new Leg(step.pair(), event.accountId(), envelope.sequence() + 1, step.balances()));
    }

    private static Leg step(String transferId, String step, Balances balances) {
        return new Leg(transferId + "/" + step, null, 0, balances);
    }

    /** The pair id and balances of a balance-changing event; null for the others. */
    private static final class Steps implements AccountEvent.Visitor<Leg> {

        @Override
        public Leg opened(AccountOpened event) {
            return null;
        }

        @Override
        public Leg debited(AccountDebited event) {
            return step(event.transferId(), "post", event.balances());
        }

        @Override
        public Leg credited(AccountCredited event) {
            return step(event.transferId(), "post", event.balances());
        }

        @Override
        public Leg debitReserved(AccountDebitReserved event) {
            return step(event.transferId(), "reserve", event.balances());
        }

        @Override
        public Leg creditReserved(AccountCreditReserved event) {
            return step(event.transferId(), "reserve", event.balances());
        }

        @Override
        public Leg reservationReleased(AccountReservationReleased event) {
            return step(event.transferId(), "release", event.balances());
        }

        @Override
        public Leg frozen(AccountFrozen event) {
            return null;
        }

        @Override
        public Leg unfrozen(AccountUnfrozen event) {
            return null;
        }

        @Override
        public Leg closed(AccountClosed event) {
            return null;
        }

        @Override
        public Leg reopened(AccountReopened event) {
            return null;
        }

        @Override
        public Leg overdraftLimitChanged(AccountOverdraftLimitChanged event) {
            return null;
        }
    }
}
