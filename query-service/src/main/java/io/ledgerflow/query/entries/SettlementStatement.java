package io.ledgerflow.query.entries;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.ledgerflow.events.account.SettlementAccounts;
import org.bson.Document;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

/**
 * A page of a settlement account's statement as one account's: each of its shards' entries is named
 * {@code @world:<CUR>}, and its {@code balanceAfter} is the settlement account's balance at that entry's position,
 * the sum of every shard's balance there. Each shard's balance before the page is its last entry below the page
 * (one indexed lookup per shard, whatever the page's time range), and the page is walked up in position order.
 *
 * <p>An entry's sum is final once the projection has every event below its position: an entry of another shard with
 * a lower position can still arrive after it, as events of different accounts are projected independently.
 */
final class SettlementStatement {

    private SettlementStatement() {
    }

    static List<EntryView> asOneAccount(String settlementId, List<EntryView> shardEntries,
                                        MongoCollection<Document> entries, Map<String, Long> shown) {
        if (shardEntries.isEmpty()) {
            return shardEntries;
        }
        long lowest = shardEntries.stream().mapToLong(EntryView::position).min().orElseThrow();
        Map<String, Long> balances = balancesBelow(lowest, entries, shown);
        long sum = balances.values().stream().mapToLong(Long::longValue).sum();
        Map<Long, Long> sumAt = new HashMap<>();
        for (EntryView entry : shardEntries.stream().sorted(Comparator.comparingLong(EntryView::position)).toList()) {
            Long before = balances.put(entry.accountId(), entry.balanceAfter());
            // each shard is bounded at (2^63-1)/8, so the sum of all eight never overflows
            sum += entry.balanceAfter() - (before == null ? 0 : before);
            sumAt.put(entry.position(), sum);
        }
        return shardEntries.stream()
                .map(entry -> new EntryView(settlementId, entry.transferId(), entry.kind(), entry.amount(),
                        sumAt.get(entry.position()), entry.pending(), entry.at(), entry.position()))
                .toList();
    }

    /** Each shard's balance below a position, as far as the shard is shown. */
    private static Map<String, Long> balancesBelow(long position, MongoCollection<Document> entries,
                                                   Map<String, Long> shown) {
        Map<String, Long> balances = new HashMap<>();
        for (Map.Entry<String, Long> shard : shown.entrySet()) {
            Document last = entries.find(and(EntryQueries.shownOf(shard), lt("position", position)))
                    .sort(Sorts.descending("position")).limit(1).first();
            if (last != null) {
                balances.put(shard.getKey(), longOf(last, "balanceAfter"));
            }
        }
        return balances;
    }
}
