package io.ledgerflow.query.pairing;

import com.mongodb.client.MongoCollection;
import io.ledgerflow.events.account.Balances;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.in;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

/** Reads the legs of accounts in windows of versions from {@code balance_history}, all accounts at once. */
final class LegHistory {

    /** A leg as the history holds it. */
    record Entry(String accountId, long version, String pair, Balances balances) {
    }

    /** The versions of one account to look at, inclusive. */
    record Window(String accountId, long from, long to) {
    }

    private LegHistory() {
    }

    /** Each account's legs within its window, by version; accounts with none are absent. */
    static Map<String, NavigableMap<Long, Entry>> read(MongoCollection<Document> history,
                                                       Collection<Window> windows) {
        Map<String, NavigableMap<Long, Entry>> legs = new HashMap<>();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (Window window : windows) {
            for (long version = Math.max(2, window.from()); version <= window.to(); version++) {
                ids.add(LegDocuments.historyId(window.accountId(), version));
            }
        }
        if (ids.isEmpty()) {
            return legs;
        }
        for (Document document : history.find(in("_id", ids))) {
            String id = document.getString("_id");
            String account = id.substring(0, id.lastIndexOf('#'));
            long version = longOf(document, LegDocuments.VERSION);
            legs.computeIfAbsent(account, a -> new TreeMap<>()).put(version, new Entry(account, version,
                    document.getString(LegDocuments.PAIR), LegDocuments.balancesOf(document)));
        }
        return legs;
    }
}
