package io.ledgerflow.query.pairing;

import com.mongodb.client.model.InsertOneModel;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.query.mongo.GuardedWrite;
import org.bson.Document;

import static io.ledgerflow.query.mongo.BsonReads.longOf;

/**
 * The documents of the pairing:
 * <ul>
 *   <li>{@code balance_history}: {@code _id} {@code <account>#<sequence>}, one per leg: its version {@code v}, its
 *   pair {@code p} and the balances after it. Written before the account's document shows the leg.</li>
 *   <li>{@code leg_pairs}: {@code _id} the pair, {@code legs: [{a, v}]} as each consumer applied one, and
 *   {@code settled: true} once both are applied and every earlier leg of either account is settled.</li>
 *   <li>{@code accounts.settledThrough}: a version up to which every leg of the account is settled (1 when opened;
 *   it only grows, and may lag the pairs: readers go on from it through settled pairs).</li>
 * </ul>
 */
public final class LegDocuments {

    public static final String SETTLED_THROUGH = "settledThrough";
    static final String VERSION = "v";
    static final String PAIR = "p";
    static final String LEGS = "legs";
    static final String ACCOUNT = "a";
    static final String SETTLED = "settled";
    private static final String POSTED = "posted";
    private static final String PENDING_DEBITS = "pendingDebits";
    private static final String PENDING_CREDITS = "pendingCredits";

    private LegDocuments() {
    }

    static String historyId(String accountId, long version) {
        return accountId + "#" + (version - 1);
    }

    /** Inserted: the document is derived from the event alone, so a duplicate key means the same one is there. */
    public static GuardedWrite history(Leg leg) {
        Document document = new Document("_id", historyId(leg.accountId(), leg.version()))
                .append(VERSION, leg.version())
                .append(PAIR, leg.pair())
                .append(POSTED, leg.balances().posted())
                .append(PENDING_DEBITS, leg.balances().pendingDebits())
                .append(PENDING_CREDITS, leg.balances().pendingCredits());
        return GuardedWrite.of(new InsertOneModel<>(document));
    }

    static Balances balancesOf(Document history) {
        return new Balances(longOf(history, POSTED), longOf(history, PENDING_DEBITS),
                longOf(history, PENDING_CREDITS));
    }
}
