package io.ledgerflow.query.account;

import io.ledgerflow.events.account.Balances;
import io.ledgerflow.query.mongo.VersionGuard;
import io.ledgerflow.query.pairing.SettledCuts;
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

    /** What a reader needs to know how far it may show the account ({@link SettledCuts}). */
    static SettledCuts.Applied applied(Document document) {
        long version = longOf(document, VersionGuard.VERSION);
        // a document projected before the groups had versions: its own version stands in (see AccountWrites)
        long balancesVersion = document.containsKey(BALANCES_VERSION) ? longOf(document, BALANCES_VERSION) : version;
        return new SettledCuts.Applied(document.getString("_id"), version, balancesVersion, document);
    }

    /** The account as shown up to its cut: its balances as of the cut's version, its status as it is now. */
    static AccountView toView(Document document, SettledCuts.Cut cut) {
        Balances balances = cut.balances() != null ? cut.balances() : new Balances(longOf(document, POSTED),
                longOf(document, PENDING_DEBITS), longOf(document, PENDING_CREDITS));
        long overdraftLimit = longOf(document, OVERDRAFT_LIMIT);
        return new AccountView(document.getString("_id"), document.getString(OWNER_ID),
                document.getString(CURRENCY), nullableInt(document, CODE), document.getString(STATUS),
                overdraftLimit, balances.posted(), balances.pendingDebits(), balances.pendingCredits(),
                balances.posted() - balances.pendingDebits() + overdraftLimit, cut.version(),
                stringMap(document, METADATA), instantOf(document, OPENED_AT), instantOf(document, UPDATED_AT));
    }
}
