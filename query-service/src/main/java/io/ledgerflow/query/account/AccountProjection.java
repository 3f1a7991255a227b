package io.ledgerflow.query.account;

import com.mongodb.client.MongoCollection;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountOpened;
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
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static io.ledgerflow.query.account.AccountDocuments.*;
import static io.ledgerflow.query.mongo.BsonReads.toDate;
import static io.ledgerflow.query.mongo.BsonReads.toDocument;

/**
 * One document per account. Every balance-changing event carries the account's complete balances, so the newest
 * sequence simply wins: an event is applied only over an older version (see {@link VersionGuard}).
 */
@Component
public class AccountProjection implements EventProjection {

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
        LedgerEvent event = envelope.event();
        if (event instanceof AccountOpened opened) {
            opened(opened, envelope);
        } else if (event instanceof AccountDebited debited) {
            balancesChanged(debited.accountId(), debited.balances(), envelope);
        } else if (event instanceof AccountCredited credited) {
            balancesChanged(credited.accountId(), credited.balances(), envelope);
        }
    }

    private void opened(AccountOpened opened, EventEnvelope envelope) {
        Bson changes = combine(identity(opened, envelope), set(STATUS, "OPEN"),
                set(OVERDRAFT_LIMIT, opened.overdraftLimit()), balances(Balances.ZERO), touched(envelope));
        if (!VersionGuard.applyIfNewer(accounts, opened.accountId(), versionOf(envelope), changes)) {
            fillInOpening(opened, envelope);
        }
    }

    /**
     * The opening can arrive after later events of the account, e.g. when it is retried by hand from the
     * dead-letter topic. Its immutable facts are still missing then, and its mutable ones only where no later
     * event has set them.
     */
    private void fillInOpening(AccountOpened opened, EventEnvelope envelope) {
        String id = opened.accountId();
        accounts.updateOne(and(eq("_id", id), exists(OPENED_AT, false)), identity(opened, envelope));
        accounts.updateOne(and(eq("_id", id), exists(STATUS, false)), set(STATUS, "OPEN"));
        accounts.updateOne(and(eq("_id", id), exists(OVERDRAFT_LIMIT, false)),
                set(OVERDRAFT_LIMIT, opened.overdraftLimit()));
    }

    private void balancesChanged(String accountId, Balances balances, EventEnvelope envelope) {
        VersionGuard.applyIfNewer(accounts, accountId, versionOf(envelope),
                combine(balances(balances), touched(envelope)));
    }

    private static Bson identity(AccountOpened opened, EventEnvelope envelope) {
        return combine(set(OWNER_ID, opened.ownerId()), set(CURRENCY, opened.currency()), set(CODE, opened.code()),
                set(METADATA, toDocument(opened.metadata())), set(SYSTEM, opened.system()),
                set(OPENED_AT, toDate(envelope.time())));
    }

    private static Bson balances(Balances balances) {
        return combine(set(POSTED, balances.posted()), set(PENDING_DEBITS, balances.pendingDebits()),
                set(PENDING_CREDITS, balances.pendingCredits()));
    }

    private static Bson touched(EventEnvelope envelope) {
        return combine(set(UPDATED_AT, toDate(envelope.time())), set(POSITION, envelope.position()));
    }

    private static long versionOf(EventEnvelope envelope) {
        return envelope.sequence() + 1;
    }
}
