package io.ledgerflow.query.entries;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.BsonReads;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.web.Page;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an account's statement, walking global positions from the cursor in the requested order. A settlement
 * account's statement interleaves its shards' entries and reads as one account's ({@link SettlementStatement}).
 */
@Component
public class EntryQueries {

    private final ProjectionCollections collections;
    private final ReadTimeLimit timeLimit;
    private final AccountQueries accounts;

    public EntryQueries(ProjectionCollections collections, ReadTimeLimit timeLimit, AccountQueries accounts) {
        this.collections = collections;
        this.timeLimit = timeLimit;
        this.accounts = accounts;
    }

    /** The entries up to the version the account is shown at ({@link AccountQueries#shownVersion}), no further. */
    public Page<EntryView> page(String accountId, EntryQuery query) {
        boolean ascending = query.order() == SortOrder.ASC;
        Map<String, Long> shown = new LinkedHashMap<>();
        AccountQueries.storedIds(accountId).forEach(id -> shown.put(id, accounts.shownVersion(id)));
        List<EntryView> items = new ArrayList<>();
        // one extra entry tells whether another page follows
        timeLimit.on(collections.entries().find(filter(shown, query)))
                .sort(ascending ? Sorts.ascending("position") : Sorts.descending("position"))
                .limit(query.limit() + 1)
                .forEach(document -> items.add(EntryView.of(document)));
        if (items.size() <= query.limit()) {
            return new Page<>(asAccount(accountId, items, shown), null);
        }
        List<EntryView> page = List.copyOf(items.subList(0, query.limit()));
        long lastPosition = page.get(page.size() - 1).position();
        return new Page<>(asAccount(accountId, page, shown), new EntryCursor(query.order(), lastPosition).encode());
    }

    /**
     * A settlement account's entries read as its own; shard 0's, stored under the settlement account's id, as
     * {@code @world:<CUR>:0}, the id it is read alone by (as the account itself is).
     */
    private List<EntryView> asAccount(String accountId, List<EntryView> entries, Map<String, Long> shown) {
        if (SettlementAccounts.isSettlementAccount(accountId)) {
            return SettlementStatement.asOneAccount(accountId, entries, collections.entries(), shown);
        }
        if (SettlementAccounts.isShardZeroReadAlone(accountId)) {
            return entries.stream().map(entry -> entry.named(accountId)).toList();
        }
        return entries;
    }

    private static Bson filter(Map<String, Long> shown, EntryQuery query) {
        List<Bson> conditions = new ArrayList<>();
        List<Bson> accounts = shown.entrySet().stream().map(EntryQueries::shownOf).toList();
        conditions.add(accounts.size() == 1 ? accounts.get(0) : Filters.or(accounts));
        if (query.from() != null) {
            conditions.add(Filters.gte("at", BsonReads.firstMilliAtOrAfter(query.from())));
        }
        if (query.to() != null) {
            conditions.add(Filters.lt("at", BsonReads.firstMilliAtOrAfter(query.to())));
        }
        if (query.afterPosition() != null) {
            conditions.add(query.order() == SortOrder.ASC
                    ? Filters.gt("position", query.afterPosition())
                    : Filters.lt("position", query.afterPosition()));
        }
        return Filters.and(conditions);
    }

    /** A stored account's entries below the version it is shown at (an entry's sequence is its version - 1). */
    static Bson shownOf(Map.Entry<String, Long> shown) {
        return Filters.and(Filters.eq("accountId", shown.getKey()), Filters.lt("sequence", shown.getValue()));
    }
}
