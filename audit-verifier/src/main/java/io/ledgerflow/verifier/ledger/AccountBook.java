package io.ledgerflow.verifier.ledger;

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
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-derives every account's balances from its own events, from its opening, and compares them with the balances
 * each event carries. The fold per event kind (as the command-service's transfer rules compute them):
 * <ul>
 *     <li>debited: posted − amount; credited: posted + amount; when the account holds a reservation of the same
 *     transfer (a pending transfer being posted), that whole reservation is released too</li>
 *     <li>debit reserved: pendingDebits + amount; credit reserved: pendingCredits + amount</li>
 *     <li>reservation released: the side that holds the transfer's reservation shrinks by the released amount</li>
 * </ul>
 * It also keeps Σ posted per currency, from the balances the events carry.
 */
final class AccountBook {

    private record Reservation(boolean debitSide, long amount) {
    }

    static final class Account {
        private String currency;
        private boolean system;
        /** Re-derived balances; null while unknown (an account whose history began before the replay). */
        private Balances derived;
        private Balances carried = Balances.ZERO;
        private final Map<String, Reservation> reservations = new HashMap<>();
        /** Its history began before the replay, so reservations made before it are unknown. */
        private boolean adopted;

        String currency() {
            return currency;
        }

        Balances carried() {
            return carried;
        }
    }

    static final String UNKNOWN_CURRENCY = "?";

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Long> postedByCurrency = new TreeMap<>();
    private final Violations violations;

    AccountBook(Violations violations) {
        this.violations = violations;
    }

    /** @param adopt the account's history before this event is not in the replay: start from what it carries */
    void apply(ReplayedEvent replayed, AccountEvent event, boolean adopt) {
        Account account = accounts.computeIfAbsent(event.accountId(), id -> new Account());
        if (adopt) {
            account.adopted = true;
        }
        Balances carried = carriedBy(event);
        Balances expected = event.accept(new Fold(account));
        if (carried == null) {
            return;
        }
        if (account.derived == null) {
            account.derived = carried;
        } else {
            account.derived = expected;
            if (!expected.equals(carried)) {
                violations.report(ViolationKind.BALANCE_MISMATCH, replayed.position(), replayed.aggregate(),
                        event.getClass().getSimpleName() + " carries " + describe(carried) + ", its events give "
                                + describe(expected));
            }
        }
        String currency = account.currency == null ? UNKNOWN_CURRENCY : account.currency;
        postedByCurrency.merge(currency, carried.posted() - account.carried.posted(), Long::sum);
        account.carried = carried;
    }

    /** An account whose opening was not replayed learns its currency from a transfer's terms. */
    void learnCurrency(String accountId, String currency) {
        Account account = accounts.get(accountId);
        if (account != null && account.currency == null) {
            postedByCurrency.merge(UNKNOWN_CURRENCY, -account.carried.posted(), Long::sum);
            postedByCurrency.merge(currency, account.carried.posted(), Long::sum);
            account.currency = currency;
        }
    }

    Account account(String accountId) {
        return accounts.get(accountId);
    }

    String currencyOf(String accountId) {
        Account account = accounts.get(accountId);
        return account == null ? null : account.currency;
    }

    long postedTotal(String currency) {
        return postedByCurrency.getOrDefault(currency, 0L);
    }

    /** Σ posted per currency from the balances the events carry, in currency order. */
    Map<String, Long> postedByCurrency() {
        return Collections.unmodifiableMap(new TreeMap<>(postedByCurrency));
    }

    int count() {
        return accounts.size();
    }

    long systemCount() {
        return accounts.values().stream().filter(account -> account.system).count();
    }

    /** A transfer's leg: an event that moves money or pending amounts, and carries the balances it leaves. */
    static boolean isLeg(AccountEvent event) {
        return event instanceof AccountDebited || event instanceof AccountCredited
                || event instanceof AccountDebitReserved || event instanceof AccountCreditReserved
                || event instanceof AccountReservationReleased;
    }

    static Balances carriedBy(AccountEvent event) {
        if (event instanceof AccountDebited debited) {
            return debited.balances();
        }
        if (event instanceof AccountCredited credited) {
            return credited.balances();
        }
        if (event instanceof AccountDebitReserved reserved) {
            return reserved.balances();
        }
        if (event instanceof AccountCreditReserved reserved) {
            return reserved.balances();
        }
        if (event instanceof AccountReservationReleased released) {
            return released.balances();
        }
        return null;
    }

    private static String describe(Balances balances) {
        return "posted " + balances.posted() + ", pendingDebits " + balances.pendingDebits() + ", pendingCredits "
                + balances.pendingCredits();
    }

    /** The balances an event should leave, from the account's re-derived ones; null for an event that carries none. */
    private static final class Fold implements AccountEvent.Visitor<Balances> {

        private final Account account;

        Fold(Account account) {
            this.account = account;
        }

        private Balances before() {
            return account.derived == null ? Balances.ZERO : account.derived;
        }

        @Override
        public Balances opened(AccountOpened event) {
            account.currency = event.currency();
            account.system = event.system();
            account.derived = Balances.ZERO;
            return null;
        }

        @Override
        public Balances debited(AccountDebited event) {
            Balances before = before();
            Reservation held = account.reservations.remove(event.transferId());
            long released = held != null && held.debitSide() ? held.amount() : 0;
            long posted = before.posted() - event.amount();
            if (held == null && account.adopted) {
                return new Balances(posted, event.balances().pendingDebits(), event.balances().pendingCredits());
            }
            return new Balances(posted, before.pendingDebits() - released, before.pendingCredits());
        }

        @Override
        public Balances credited(AccountCredited event) {
            Balances before = before();
            Reservation held = account.reservations.remove(event.transferId());
            long released = held != null && !held.debitSide() ? held.amount() : 0;
            long posted = before.posted() + event.amount();
            if (held == null && account.adopted) {
                return new Balances(posted, event.balances().pendingDebits(), event.balances().pendingCredits());
            }
            return new Balances(posted, before.pendingDebits(), before.pendingCredits() - released);
        }

        @Override
        public Balances debitReserved(AccountDebitReserved event) {
            Balances before = before();
            account.reservations.put(event.transferId(), new Reservation(true, event.amount()));
            return new Balances(before.posted(), before.pendingDebits() + event.amount(), before.pendingCredits());
        }

        @Override
        public Balances creditReserved(AccountCreditReserved event) {
            Balances before = before();
            account.reservations.put(event.transferId(), new Reservation(false, event.amount()));
            return new Balances(before.posted(), before.pendingDebits(), before.pendingCredits() + event.amount());
        }

        @Override
        public Balances reservationReleased(AccountReservationReleased event) {
            Balances before = before();
            Reservation held = account.reservations.remove(event.transferId());
            if (held == null) {
                // nothing to release: unknown before the replay began, or (caught as a leg violation) never reserved
                return account.adopted ? new Balances(before.posted(), event.balances().pendingDebits(),
                        event.balances().pendingCredits()) : before;
            }
            return held.debitSide()
                    ? new Balances(before.posted(), before.pendingDebits() - event.amount(), before.pendingCredits())
                    : new Balances(before.posted(), before.pendingDebits(), before.pendingCredits() - event.amount());
        }

        @Override
        public Balances frozen(AccountFrozen event) {
            return null;
        }

        @Override
        public Balances unfrozen(AccountUnfrozen event) {
            return null;
        }

        @Override
        public Balances closed(AccountClosed event) {
            return null;
        }

        @Override
        public Balances reopened(AccountReopened event) {
            return null;
        }

        @Override
        public Balances overdraftLimitChanged(AccountOverdraftLimitChanged event) {
            return null;
        }
    }
}
