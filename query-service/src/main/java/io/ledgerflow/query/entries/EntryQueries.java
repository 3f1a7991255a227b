package io.ledgerflow.query.entries;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.web.Page;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Reads an account's statement, walking global positions from the cursor in the requested order. A settlement
 * account's statement interleaves its shards' entries and reads as one account's ({@link SettlementStatement}).
 */
@Component
public class EntryQueries {

    private final ProjectionCollections collections;
    private final ReadTimeLimit timeLimit;

    public EntryQueries(ProjectionCollections collections, ReadTimeLimit timeLimit) {
        this.collections = collections;
        this.timeLimit = timeLimit;
    }

    public Page<EntryView> page(String accountId, EntryQuery query) {
        boolean ascending = query.order() == SortOrder.ASC;
        List<EntryView> items = new ArrayList<>();
        // one extra entry tells whether another page follows
        timeLimit.on(collections.entries().find(filter(accountId, query)))
                .sort(ascending ? Sorts.ascending("position") : Sorts.descending("position"))
                .limit(query.limit() + 1)
                .forEach(document -> items.add(EntryView.of(document)));
        if (items.size() <= query.limit()) {
            return new Page<>(asAccount(accountId, items), null);
        }
        List<EntryView> page = List.copyOf(items.subList(0, query.limit()));
        long lastPosition = page.get(page.size() - 1).position();
        return new Page<>(asAccount(accountId, page), new EntryCursor(query.order(), lastPosition).encode());
    }

    /**
     * A settlement account's entries read as its own; shard 0's, stored under the settlement account's id, as
     * {@code @world:<CUR>:0}, the id it is read alone by (as the account itself is).
     */
    private List<EntryView> asAccount(String accountId, List<EntryView> entries) {
        if (SettlementAccounts.isSettlementAccount(accountId)) {
            return SettlementStatement.asOneAccount(accountId, entries, collections.entries());
        }
        if (SettlementAccounts.isShardZeroReadAlone(accountId)) {
            return entries.stream().map(entry -> entry.named(accountId)).toList();
        }
        return entries;
    }

    private static Bson filter(String accountId, EntryQuery query) {
        List<Bson> conditions = new ArrayList<>();
        List<String> ids = AccountQueries.storedIds(accountId);
        conditions.add(ids.size() == 1 ? Filters.eq("accountId", ids.get(0)) : Filters.in("accountId", ids));
        if (query.from() != null) {
            conditions.add(Filters.gte("at", Date.from(query.from())));
        }
        if (query.to() != null) {
            conditions.add(Filters.lt("at", Date.from(query.to())));
        }
        if (query.afterPosition() != null) {
            conditions.add(query.order() == SortOrder.ASC
                    ? Filters.gt("position", query.afterPosition())
                    : Filters.lt("position", query.afterPosition()));
        }
        return Filters.and(conditions);
    }
}
