package io.ledgerflow.query.account;

import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;

import static io.ledgerflow.query.mongo.BsonReads.instantOf;
import static io.ledgerflow.query.mongo.BsonReads.longOf;
import static io.ledgerflow.query.mongo.BsonReads.nullableInt;
import static io.ledgerflow.query.mongo.BsonReads.stringMap;

/** Field names of an {@code accounts} document, and its mapping to the API representation. */
final class AccountDocuments {

    static final String OWNER_ID = "ownerId";
    static final String CURRENCY = "currency";
    static final String CODE = "code";
    static final String STATUS = "status";
    static final String OVERDRAFT_LIMIT = "overdraftLimit";
    static final String POSTED = "posted";
    static final String PENDING_DEBITS = "pendingDebits";
    static final String PENDING_CREDITS = "pendingCredits";
    static final String METADATA = "metadata";
    static final String SYSTEM = "system";
    static final String OPENED_AT = "openedAt";
    static final String UPDATED_AT = "updatedAt";
    /** Sequence + 1 of the last event applied to status and overdraft limit (see {@link AccountProjection}). */
    static final String STATE_VERSION = "stateVersion";
    /** Sequence + 1 of the last event applied to the balances. */
    static final String BALANCES_VERSION = "balancesVersion";
    /** Global position of the last applied event. */
    static final String POSITION = "position";

    private AccountDocuments() {
    }

    static AccountView toView(Document document) {
        long posted = longOf(document, POSTED);
        long pendingDebits = longOf(document, PENDING_DEBITS);
        long overdraftLimit = longOf(document, OVERDRAFT_LIMIT);
        return new AccountView(document.getString("_id"), document.getString(OWNER_ID),
                document.getString(CURRENCY), nullableInt(document, CODE), document.getString(STATUS),
                overdraftLimit, posted, pendingDebits, longOf(document, PENDING_CREDITS),
                posted - pendingDebits + overdraftLimit, longOf(document, VersionGuard.VERSION),
                stringMap(document, METADATA), instantOf(document, OPENED_AT), instantOf(document, UPDATED_AT));
    }
}
