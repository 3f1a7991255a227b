package io.ledgerflow.query.account;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.AccountClosed;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountReopened;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static io.ledgerflow.query.account.AccountDocuments.*;
import static io.ledgerflow.query.mongo.BsonReads.toDate;
import static io.ledgerflow.query.mongo.BsonReads.toDocument;

/**
 * One document per account. An account's events change two independent groups of fields, each carried complete by
 * every event that changes it: the balances ({@link Balances}) and the status with the overdraft limit
 * ({@link AccountState}). Each group keeps the version of the event it came from and takes only a newer one, so
 * redelivery, replay and any order of arrival leave the same document; {@code version}, {@code updatedAt} and
 * {@code position} follow the newest event of any kind ({@link VersionGuard#VERSION}).
 */
@Component
public class AccountProjection implements EventProjection {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> accounts;

    public AccountProjection(ProjectionCollections collections) {
        this.accounts = collections.accounts();
    }

    @Override
    public boolean handles(LedgerEvent event) {
        return event instanceof AccountEvent;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        AccountEvent event = (AccountEvent) envelope.event();
        String id = event.accountId();
        long version = envelope.sequence() + 1;
        ensureDocument(id);
        event.accept(new GroupUpdates(id, version, envelope));
        accounts.updateOne(and(eq("_id", id), lt(VersionGuard.VERSION, version)),
                combine(set(VersionGuard.VERSION, version), set(UPDATED_AT, toDate(envelope.time())),
                        set(POSITION, envelope.position())));
    }

    /** Writes the group an event changes; the compiler keeps it exhaustive over {@link AccountEvent}. */
    private final class GroupUpdates implements AccountEvent.Visitor<Void> {

        private final String id;
        private final long version;
        private final EventEnvelope envelope;

        GroupUpdates(String id, long version, EventEnvelope envelope) {
            this.id = id;
            this.version = version;
            this.envelope = envelope;
        }

        @Override
        public Void opened(AccountOpened opened) {
            // immutable facts: whenever the opening arrives, even after later events
            accounts.updateOne(and(eq("_id", id), exists(OPENED_AT, false)), identity(opened, envelope));
            stateChanged(new AccountState(AccountStatus.OPEN, opened.overdraftLimit()));
            return balancesChanged(Balances.ZERO);
        }

        @Override
        public Void debited(AccountDebited debited) {
            return balancesChanged(debited.balances());
        }

        @Override
        public Void credited(AccountCredited credited) {
            return balancesChanged(credited.balances());
        }

        @Override
        public Void debitReserved(AccountDebitReserved reserved) {
            return balancesChanged(reserved.balances());
        }

        @Override
        public Void creditReserved(AccountCreditReserved reserved) {
            return balancesChanged(reserved.balances());
        }

        @Override
        public Void reservationReleased(AccountReservationReleased released) {
            return balancesChanged(released.balances());
        }

        @Override
        public Void frozen(AccountFrozen frozen) {
            return stateChanged(frozen.state());
        }

        @Override
        public Void unfrozen(AccountUnfrozen unfrozen) {
            return stateChanged(unfrozen.state());
        }

        @Override
        public Void closed(AccountClosed closed) {
            return stateChanged(closed.state());
        }

        @Override
        public Void reopened(AccountReopened reopened) {
            return stateChanged(reopened.state());
        }

        @Override
        public Void overdraftLimitChanged(AccountOverdraftLimitChanged changed) {
            return stateChanged(changed.state());
        }

        private Void balancesChanged(Balances balances) {
            applyToGroup(id, BALANCES_VERSION, version, balances(balances));
            return null;
        }

        private Void stateChanged(AccountState state) {
            applyToGroup(id, STATE_VERSION, version, state(state.status(), state.overdraftLimit()));
            return null;
        }
    }

    /** Every group starts at version 0, so that a group's first event always applies, in whatever order they come. */
    private void ensureDocument(String id) {
        try {
            accounts.updateOne(eq("_id", id), combine(setOnInsert(VersionGuard.VERSION, 0L),
                    setOnInsert(STATE_VERSION, 0L), setOnInsert(BALANCES_VERSION, 0L)), UPSERT);
        } catch (MongoWriteException e) {
            if (!VersionGuard.isDuplicateKey(e)) {
                throw e;
            }
            // a concurrent writer inserted it first
        }
    }

    /**
     * Applies a group's fields only over an older version of that group. A document projected before groups had
     * versions has none: there the document's own version, which every earlier event advanced, stands in.
     */
    private void applyToGroup(String id, String groupVersion, long version, Bson fields) {
        Bson older = or(lt(groupVersion, version),
                and(exists(groupVersion, false), lt(VersionGuard.VERSION, version)));
        accounts.updateOne(and(eq("_id", id), older), combine(fields, set(groupVersion, version)));
    }

    private static Bson identity(AccountOpened opened, EventEnvelope envelope) {
        return combine(set(OWNER_ID, opened.ownerId()), set(CURRENCY, opened.currency()), set(CODE, opened.code()),
                set(METADATA, toDocument(opened.metadata())), set(SYSTEM, opened.system()),
                set(OPENED_AT, toDate(envelope.time())));
    }

    private static Bson state(AccountStatus status, long overdraftLimit) {
        return combine(set(STATUS, status.name()), set(OVERDRAFT_LIMIT, overdraftLimit));
    }

    private static Bson balances(Balances balances) {
        return combine(set(POSTED, balances.posted()), set(PENDING_DEBITS, balances.pendingDebits()),
                set(PENDING_CREDITS, balances.pendingCredits()));
    }
}
