package io.ledgerflow.query.pairing;

import com.mongodb.client.MongoCollection;
import io.ledgerflow.events.account.Balances;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

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
        List<String> ids = new ArrayList<>();
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

    /**
     * For each key, the newest leg of its account at or below its version: looked up in a window of {@code first}
     * versions, then of {@code width} further down, to version 2 (the opening, version 1, is no leg). Keys whose
     * account has none are absent.
     */
    static <K> Map<K, Entry> newestAtOrBelow(MongoCollection<Document> history, Map<K, Long> versions,
                                             Function<K, String> accountOf, int first, int width) {
        Map<K, Entry> newest = new HashMap<>();
        Map<K, Long> looking = new HashMap<>(versions);
        int size = first;
        while (!looking.isEmpty()) {
            int window = size;
            List<Window> windows = looking.entrySet().stream().map(entry -> new Window(
                    accountOf.apply(entry.getKey()), entry.getValue() - window + 1, entry.getValue())).toList();
            Map<String, NavigableMap<Long, Entry>> found = read(history, windows);
            Map<K, Long> further = new HashMap<>();
            looking.forEach((key, upTo) -> {
                NavigableMap<Long, Entry> legs = found.get(accountOf.apply(key));
                // only from this key's window: a leg from another key's window further down the same account may
                // have legs between it and this window that no window read
                Map.Entry<Long, Entry> leg = legs == null ? null : legs.floorEntry(upTo);
                if (leg != null && leg.getKey() > upTo - window) {
                    newest.put(key, leg.getValue());
                } else if (upTo - window >= 2) {
                    further.put(key, upTo - window);
                }
            });
            looking = further;
            size = width;
        }
        return newest;
    }
}
