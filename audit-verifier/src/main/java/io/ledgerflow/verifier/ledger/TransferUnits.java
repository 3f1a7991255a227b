package io.ledgerflow.verifier.ledger;

import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every transfer must have exactly its legs. The command-service commits a transfer's own event and its account
 * events in one transaction (a unit): a posted transfer with one debit and one credit of its amount on its two
 * accounts; a pending one with a debit and a credit reservation of its amount; a rejected one alone; the posting of
 * a pending transfer with a debit and a credit of the posted amount; a void or an expiry with the release of both
 * reservations. Other transactions may take positions between a unit's events, so a unit is gathered by transfer id
 * until its transfer event and all its legs are in, and judged then.
 */
final class TransferUnits {

    private record Leg(AccountEvent event, long position) {
    }

    /** One leg as the rules expect it; a leg on any shard of a settlement account counts for that account. */
    private record Expected(Class<? extends AccountEvent> kind, String accountId, long amount) {

        boolean matches(AccountEvent leg) {
            return leg.getClass() == kind && SettlementAccounts.accountOf(leg.accountId()).equals(accountId)
                    && amountOf(leg) == amount;
        }

        @Override
        public String toString() {
            return kind.getSimpleName() + " " + amount + " on " + accountId;
        }
    }

    private static final class Unit {
        private final String transferId;
        private final long firstPosition;
        private String currency;
        private TransferEvent event;
        private long eventPosition = -1;
        private final List<Leg> legs = new ArrayList<>(2);

        Unit(String transferId, long firstPosition, String currency) {
            this.transferId = transferId;
            this.firstPosition = firstPosition;
            this.currency = currency;
        }
    }

    private final Map<String, Unit> open = new HashMap<>();
    private final Map<String, Integer> openPerCurrency = new HashMap<>();
    private final Map<String, TransferStatus> statuses = new HashMap<>();
    private final Map<String, TransferTerms> pendingTerms = new HashMap<>();
    private final AccountBook accounts;
    private final boolean historyMayStartLate;
    private final Violations violations;

    TransferUnits(AccountBook accounts, boolean historyMayStartLate, Violations violations) {
        this.accounts = accounts;
        this.historyMayStartLate = historyMayStartLate;
        this.violations = violations;
    }

    /** @return the currency of the unit this leg completed, if it completed one */
    Optional<String> leg(ReplayedEvent replayed, AccountEvent leg, String transferId) {
        Unit unit = open.computeIfAbsent(transferId, id -> opened(id, replayed.position(), currencyOf(leg)));
        unit.legs.add(new Leg(leg, replayed.position()));
        return completeIfDone(unit);
    }

    /** @return the currency of the unit this event completed, if it completed one */
    Optional<String> transfer(ReplayedEvent replayed, TransferEvent event) {
        Unit unit = open.get(event.transferId());
        if (unit != null && unit.event != null) {
            // a second transfer event before the first one's legs were all in: the first unit lacks legs
            close(unit);
            judge(unit);
            unit = null;
        }
        if (unit == null) {
            unit = opened(event.transferId(), replayed.position(), event.terms().currency());
            open.put(event.transferId(), unit);
        }
        unit.event = event;
        unit.eventPosition = replayed.position();
        if (AccountBook.UNKNOWN_CURRENCY.equals(unit.currency)) {
            move(unit, event.terms().currency());
        }
        accounts.learnCurrency(event.terms().debitAccountId(), event.terms().currency());
        accounts.learnCurrency(event.terms().creditAccountId(), event.terms().currency());
        return completeIfDone(unit);
    }

    /** True while a unit of this currency has some but not all of its events applied. */
    boolean hasOpenUnits(String currency) {
        return openPerCurrency.getOrDefault(currency, 0) > 0;
    }

    /** The replay is over: a unit still open lacks its transfer event or some of its legs. */
    void finish() {
        List<Unit> incomplete = new ArrayList<>(open.values());
        incomplete.sort(Comparator.comparingLong(unit -> unit.firstPosition));
        incomplete.forEach(this::close);
        incomplete.forEach(this::judge);
    }

    Map<TransferStatus, Long> countByStatus() {
        Map<TransferStatus, Long> counts = new EnumMap<>(TransferStatus.class);
        statuses.values().forEach(status -> counts.merge(status, 1L, Long::sum));
        return counts;
    }

    private Unit opened(String transferId, long position, String currency) {
        Unit unit = new Unit(transferId, position, currency == null ? AccountBook.UNKNOWN_CURRENCY : currency);
        openPerCurrency.merge(unit.currency, 1, Integer::sum);
        return unit;
    }

    private void move(Unit unit, String currency) {
        openPerCurrency.merge(unit.currency, -1, Integer::sum);
        unit.currency = currency;
        openPerCurrency.merge(currency, 1, Integer::sum);
    }

    private String currencyOf(AccountEvent leg) {
        return accounts.currencyOf(leg.accountId());
    }

    private Optional<String> completeIfDone(Unit unit) {
        if (unit.event == null || unit.legs.size() < legCount(unit.event)) {
            return Optional.empty();
        }
        close(unit);
        judge(unit);
        return Optional.of(unit.currency);
    }

    private void close(Unit unit) {
        open.remove(unit.transferId, unit);
        openPerCurrency.merge(unit.currency, -1, Integer::sum);
    }

    private static int legCount(TransferEvent event) {
        return event instanceof TransferRejected ? 0 : 2;
    }

    /** Compares the unit's legs with those its transfer event requires, then records what became of the transfer. */
    private void judge(Unit unit) {
        String aggregate = "transfer/" + unit.transferId;
        if (unit.event == null) {
            violations.report(ViolationKind.TRANSFER_LEGS, unit.firstPosition, aggregate, unit.legs.size()
                    + " leg(s) without their transfer event, from position " + unit.firstPosition);
            return;
        }
        TransferEvent event = unit.event;
        long position = unit.eventPosition;
        Optional<String> wrongHistory = checkHistory(event);
        wrongHistory.ifPresent(problem -> violations.report(ViolationKind.TRANSFER_LEGS, position, aggregate, problem));
        List<Expected> expected = expectedLegs(event);
        List<AccountEvent> unmatched = new ArrayList<>();
        List<Expected> missing = new ArrayList<>(expected);
        for (Leg leg : unit.legs) {
            Optional<Expected> match = missing.stream().filter(wanted -> wanted.matches(leg.event())).findFirst();
            match.ifPresentOrElse(missing::remove, () -> unmatched.add(leg.event()));
        }
        if (!missing.isEmpty() || !unmatched.isEmpty()) {
            violations.report(ViolationKind.TRANSFER_LEGS, position, aggregate, event.getClass().getSimpleName()
                    + " needs " + expected + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unmatched.isEmpty() ? "" : "; unexpected " + unmatched.stream().map(TransferUnits::describe).toList()));
        }
        for (Leg leg : unit.legs) {
            String currency = accounts.currencyOf(leg.event().accountId());
            if (currency != null && !currency.equals(event.terms().currency())) {
                violations.report(ViolationKind.TRANSFER_LEGS, position, aggregate, "a " + event.terms().currency()
                        + " transfer has a leg on " + leg.event().accountId() + ", a " + currency + " account");
            }
        }
        record(event);
    }

    /** A transfer is created once; only a pending one is resolved, once, with the terms it was created with. */
    private Optional<String> checkHistory(TransferEvent event) {
        TransferStatus before = statuses.get(event.transferId());
        boolean creation = event instanceof TransferPosted || event instanceof TransferPending
                || event instanceof TransferRejected;
        if (creation) {
            return before == null ? Optional.empty()
                    : Optional.of(event.getClass().getSimpleName() + " for a transfer already " + before);
        }
        if (before == null && historyMayStartLate) {
            return Optional.empty();
        }
        if (before != TransferStatus.PENDING) {
            return Optional.of(event.getClass().getSimpleName() + " resolves a transfer that is "
                    + (before == null ? "unknown" : before) + ", not PENDING");
        }
        TransferTerms created = pendingTerms.get(event.transferId());
        if (created != null && !created.equals(event.terms())) {
            return Optional.of(event.getClass().getSimpleName() + " carries terms " + event.terms()
                    + ", the transfer was created with " + created);
        }
        if (event instanceof TransferPendingPosted posted
                && (posted.amount() <= 0 || posted.amount() > event.terms().amount())) {
            return Optional.of("posts " + posted.amount() + " of a pending " + event.terms().amount());
        }
        return Optional.empty();
    }

    private static List<Expected> expectedLegs(TransferEvent event) {
        TransferTerms terms = event.terms();
        String debit = terms.debitAccountId();
        String credit = terms.creditAccountId();
        long amount = terms.amount();
        if (event instanceof TransferPosted) {
            return List.of(new Expected(AccountDebited.class, debit, amount),
                    new Expected(AccountCredited.class, credit, amount));
        }
        if (event instanceof TransferPending) {
            return List.of(new Expected(AccountDebitReserved.class, debit, amount),
                    new Expected(AccountCreditReserved.class, credit, amount));
        }
        if (event instanceof TransferPendingPosted posted) {
            return List.of(new Expected(AccountDebited.class, debit, posted.amount()),
                    new Expected(AccountCredited.class, credit, posted.amount()));
        }
        if (event instanceof TransferVoided || event instanceof TransferExpired) {
            return List.of(new Expected(AccountReservationReleased.class, debit, amount),
                    new Expected(AccountReservationReleased.class, credit, amount));
        }
        return List.of();
    }

    private void record(TransferEvent event) {
        String id = event.transferId();
        TransferStatus status = event.accept(new TransferEvent.Visitor<>() {
            @Override
            public TransferStatus posted(TransferPosted posted) {
                return TransferStatus.POSTED;
            }

            @Override
            public TransferStatus rejected(TransferRejected rejected) {
                return TransferStatus.REJECTED;
            }

            @Override
            public TransferStatus pending(TransferPending pending) {
                return TransferStatus.PENDING;
            }

            @Override
            public TransferStatus pendingPosted(TransferPendingPosted posted) {
                return TransferStatus.POSTED;
            }

            @Override
            public TransferStatus voided(TransferVoided voided) {
                return TransferStatus.VOIDED;
            }

            @Override
            public TransferStatus expired(TransferExpired expired) {
                return TransferStatus.EXPIRED;
            }
        });
        if (status == TransferStatus.PENDING) {
            pendingTerms.put(id, event.terms());
        } else {
            pendingTerms.remove(id);
        }
        statuses.put(id, status);
    }

    /** The transfer an account event is a leg of, or null for an event that is no leg (opening, status changes). */
    static String transferIdOf(AccountEvent event) {
        if (event instanceof AccountDebited debited) {
            return debited.transferId();
        }
        if (event instanceof AccountCredited credited) {
            return credited.transferId();
        }
        if (event instanceof AccountDebitReserved reserved) {
            return reserved.transferId();
        }
        if (event instanceof AccountCreditReserved reserved) {
            return reserved.transferId();
        }
        if (event instanceof AccountReservationReleased released) {
            return released.transferId();
        }
        return null;
    }

    private static long amountOf(AccountEvent leg) {
        if (leg instanceof AccountDebited debited) {
            return debited.amount();
        }
        if (leg instanceof AccountCredited credited) {
            return credited.amount();
        }
        if (leg instanceof AccountDebitReserved reserved) {
            return reserved.amount();
        }
        if (leg instanceof AccountCreditReserved reserved) {
            return reserved.amount();
        }
        if (leg instanceof AccountReservationReleased released) {
            return released.amount();
        }
        return -1;
    }

    private static String describe(AccountEvent leg) {
        return leg.getClass().getSimpleName() + " " + amountOf(leg) + " on " + leg.accountId();
    }
}
