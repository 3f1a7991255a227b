package io.ledgerflow.query.account;

import io.ledgerflow.events.LedgerEvent;
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
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.mongo.KnownInGeneration;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import io.ledgerflow.query.pairing.Leg;
import io.ledgerflow.query.pairing.LegDocuments;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One document per account. An account's events change two independent groups of fields, each carried complete by
 * every event that changes it: the balances ({@link Balances}) and the status with the overdraft limit
 * ({@link AccountState}). Each group keeps the version of the event it came from and takes only a newer one, so
 * redelivery, replay and any order of arrival leave the same document; {@code version}, {@code updatedAt} and
 * {@code position} follow the newest event of any kind ({@link VersionGuard#VERSION}). Within a batch, only the
 * newest event of each group is written ({@link AccountWrites}), in one ordered bulk for all accounts.
 */
@Order(2)
@Component
public class AccountProjection implements EventProjection {

    private static final ChangedGroups CHANGED_GROUPS = new ChangedGroups();

    private final ProjectionCollections collections;
    /** Account documents written: the next batch of the account need not make sure its document exists. */
    private final KnownInGeneration known;

    public AccountProjection(ProjectionCollections collections) {
        this.collections = collections;
        this.known = new KnownInGeneration(collections, 65_536);
    }

    @Override
    public boolean handles(LedgerEvent event) {
        return event instanceof AccountEvent;
    }

    @Override
    public List<Bulk> writesFor(List<EventEnvelope> envelopes) {
        Map<String, AccountWrites> byAccount = new LinkedHashMap<>();
        for (EventEnvelope envelope : envelopes) {
            AccountEvent event = (AccountEvent) envelope.event();
            byAccount.computeIfAbsent(event.accountId(), AccountWrites::new)
                    .add(envelope, event.accept(CHANGED_GROUPS));
        }
        List<GuardedWrite> writes = new ArrayList<>();
        byAccount.values().forEach(account -> writes.addAll(account.writes(known.contains(account.id()))));
        // the history first: a reader that shows an account as of an earlier version looks its balances up there;
        // in order, so an account's legs appear in the order of its versions (the settle step reads windows of them)
        List<GuardedWrite> history = envelopes.stream().map(Leg::of).flatMap(Optional::stream)
                .map(LegDocuments::history).toList();
        return List.of(Bulk.inOrder(collections.balanceHistory(), history),
                Bulk.inOrder(collections.accounts(), writes));
    }

    /** Once written: the batch's documents exist. */
    @Override
    public void afterWrites(List<EventEnvelope> envelopes) {
        envelopes.forEach(envelope -> known.add(((AccountEvent) envelope.event()).accountId()));
    }

    /** The groups an event sets; the compiler keeps it exhaustive over {@link AccountEvent}. */
    private static final class ChangedGroups implements AccountEvent.Visitor<AccountChange> {

        @Override
        public AccountChange opened(AccountOpened opened) {
            return new AccountChange(Balances.ZERO, new AccountState(AccountStatus.OPEN, opened.overdraftLimit()),
                    opened);
        }

        @Override
        public AccountChange debited(AccountDebited debited) {
            return AccountChange.ofBalances(debited.balances());
        }

        @Override
        public AccountChange credited(AccountCredited credited) {
            return AccountChange.ofBalances(credited.balances());
        }

        @Override
        public AccountChange debitReserved(AccountDebitReserved reserved) {
            return AccountChange.ofBalances(reserved.balances());
        }

        @Override
        public AccountChange creditReserved(AccountCreditReserved reserved) {
            return AccountChange.ofBalances(reserved.balances());
        }

        @Override
        public AccountChange reservationReleased(AccountReservationReleased released) {
            return AccountChange.ofBalances(released.balances());
        }

        @Override
        public AccountChange frozen(AccountFrozen frozen) {
            return AccountChange.ofState(frozen.state());
        }

        @Override
        public AccountChange unfrozen(AccountUnfrozen unfrozen) {
            return AccountChange.ofState(unfrozen.state());
        }

        @Override
        public AccountChange closed(AccountClosed closed) {
            return AccountChange.ofState(closed.state());
        }

        @Override
        public AccountChange reopened(AccountReopened reopened) {
            return AccountChange.ofState(reopened.state());
        }

        @Override
        public AccountChange overdraftLimitChanged(AccountOverdraftLimitChanged changed) {
            return AccountChange.ofState(changed.state());
        }
    }
}
