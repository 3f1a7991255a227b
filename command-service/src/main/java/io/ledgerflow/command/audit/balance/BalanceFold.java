package io.ledgerflow.command.audit.balance;

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
import io.ledgerflow.events.account.AccountStateEvent;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An account's balances re-derived from the amounts of its events, never from the balances they carry: a debit
 * lowers posted, a credit raises it, a reservation raises pendingDebits or pendingCredits, and a release lowers the
 * side its transfer reserved. Posting a pending transfer (a debit or credit with the transfer id of an open
 * reservation) also releases the whole reservation, whatever amount it posts, as the transfer rules decide it.
 * After each event, {@link #apply} compares the result with what the event carries.
 */
public final class BalanceFold implements AccountEvent.Visitor<Optional<Balances>> {

    private enum Side { DEBIT, CREDIT }

    private record Reservation(Side side, long amount) {
    }

    private boolean opened;
    private String currency;
    private AccountStatus status;
    private long overdraftLimit;
    private long posted;
    private long pendingDebits;
    private long pendingCredits;
    /** Open reservations by transfer id: a transfer id names one transfer, which reserves on one side here. */
    private final Map<String, Reservation> reservations = new HashMap<>();
    private String anomaly;

    /**
     * Folds one event in; returns a description of how the result differs from what the event carries (or of an
     * event that makes no sense here), empty when they agree.
     */
    public Optional<String> apply(AccountEvent event) {
        anomaly = null;
        if (!opened && !(event instanceof AccountOpened)) {
            anomaly = "an event before the account was opened";
        }
        Optional<Balances> carried = event.accept(this);
        Balances replayed = balances();
        if (anomaly == null && carried.isPresent() && !carried.get().equals(replayed)) {
            anomaly = "replayed " + describe(replayed) + ", the event carries " + describe(carried.get());
        }
        return Optional.ofNullable(anomaly);
    }

    public boolean opened() {
        return opened;
    }

    public String currency() {
        return currency;
    }

    public AccountStatus status() {
        return status;
    }

    public long overdraftLimit() {
        return overdraftLimit;
    }

    public Balances balances() {
        return new Balances(posted, pendingDebits, pendingCredits);
    }

    /** As the account computes it: what may still be debited. */
    public long available() {
        return posted - pendingDebits + overdraftLimit;
    }

    @Override
    public Optional<Balances> opened(AccountOpened event) {
        if (opened) {
            anomaly = "the account was opened twice";
            return Optional.empty();
        }
        opened = true;
        currency = event.currency();
        overdraftLimit = event.overdraftLimit();
        status = AccountStatus.OPEN;
        return Optional.empty();
    }

    @Override
    public Optional<Balances> debited(AccountDebited event) {
        posted -= event.amount();
        settle(event.transferId(), Side.DEBIT);
        return carried(event.balances());
    }

    @Override
    public Optional<Balances> credited(AccountCredited event) {
        posted += event.amount();
        settle(event.transferId(), Side.CREDIT);
        return carried(event.balances());
    }

    @Override
    public Optional<Balances> debitReserved(AccountDebitReserved event) {
        reserve(event.transferId(), Side.DEBIT, event.amount());
        return carried(event.balances());
    }

    @Override
    public Optional<Balances> creditReserved(AccountCreditReserved event) {
        reserve(event.transferId(), Side.CREDIT, event.amount());
        return carried(event.balances());
    }

    @Override
    public Optional<Balances> reservationReleased(AccountReservationReleased event) {
        Reservation reservation = reservations.remove(event.transferId());
        if (reservation == null) {
            anomaly = "transfer " + event.transferId() + " releases a reservation it does not hold here";
        } else {
            if (reservation.amount() != event.amount()) {
                anomaly = "transfer " + event.transferId() + " releases " + event.amount() + " of a reservation of "
                        + reservation.amount();
            }
            release(reservation.side(), event.amount());
        }
        return carried(event.balances());
    }

    @Override
    public Optional<Balances> frozen(AccountFrozen event) {
        return changedState(event);
    }

    @Override
    public Optional<Balances> unfrozen(AccountUnfrozen event) {
        return changedState(event);
    }

    @Override
    public Optional<Balances> closed(AccountClosed event) {
        return changedState(event);
    }

    @Override
    public Optional<Balances> reopened(AccountReopened event) {
        return changedState(event);
    }

    @Override
    public Optional<Balances> overdraftLimitChanged(AccountOverdraftLimitChanged event) {
        return changedState(event);
    }

    /** Status and overdraft limit have no amounts to fold: the event states them. Balances do not move. */
    private Optional<Balances> changedState(AccountStateEvent event) {
        if (event.state() == null || event.state().status() == null) {
            anomaly = "the event carries no state";
            return Optional.empty();
        }
        status = event.state().status();
        overdraftLimit = event.state().overdraftLimit();
        return Optional.empty();
    }

    /** The balances an event says its account had after it; a stored event without them was altered. */
    private Optional<Balances> carried(Balances balances) {
        if (balances == null) {
            anomaly = "the event carries no balances";
        }
        return Optional.ofNullable(balances);
    }

    private void reserve(String transferId, Side side, long amount) {
        if (reservations.putIfAbsent(transferId, new Reservation(side, amount)) != null) {
            anomaly = "transfer " + transferId + " reserves twice";
            return;
        }
        if (side == Side.DEBIT) {
            pendingDebits += amount;
        } else {
            pendingCredits += amount;
        }
    }

    /** A posting with the id of an open reservation on its side is that pending transfer being posted. */
    private void settle(String transferId, Side side) {
        Reservation reservation = reservations.get(transferId);
        if (reservation != null && reservation.side() == side) {
            reservations.remove(transferId);
            release(side, reservation.amount());
        }
    }

    private void release(Side side, long amount) {
        if (side == Side.DEBIT) {
            pendingDebits -= amount;
        } else {
            pendingCredits -= amount;
        }
    }

    private static String describe(Balances balances) {
        return "posted " + balances.posted() + ", pendingDebits " + balances.pendingDebits() + ", pendingCredits "
                + balances.pendingCredits();
    }
}
