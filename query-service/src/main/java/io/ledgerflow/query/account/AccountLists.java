package io.ledgerflow.query.account;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.pairing.PageCut;
import io.ledgerflow.query.pairing.SettledCuts;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.web.Page;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Projections.include;

/** Lists the accounts in the caller's {@link ReadScope}, in {@code _id} order. */
@Component
public class AccountLists {

    private final ProjectionCollections collections;
    private final PageCut pageCut;
    private final ReadTimeLimit timeLimit;

    public AccountLists(ProjectionCollections collections, PageCut pageCut, ReadTimeLimit timeLimit) {
        this.collections = collections;
        this.pageCut = pageCut;
        this.timeLimit = timeLimit;
    }

    /**
     * One page of the accounts in scope, in {@code _id} order after the cursor's id. Paging by id rather than by
     * offset keeps the walk stable while accounts are opened: each account is listed once, and one opened behind
     * the cursor simply waits for the next walk. Real MongoDB serves this from the {@code _id} index (and the
     * {@code ownerId} index for a client or an owner filter); the embedded stand-in uses an index only for a filter
     * on {@code _id} alone and scans otherwise, which is correct, only slower.
     *
     * <p>A settlement account is listed once, as {@code GET /accounts/{id}} reads it (its shards summed), where its
     * id {@code @world:<CUR>} sorts; its shards' ids sort right after it, so they are passed over, and a cursor
     * after a settlement account resumes after its last shard.
     */
    public Page<AccountView> page(AccountListQuery query, ReadScope scope) {
        List<Bson> conditions = new ArrayList<>();
        if (query.afterId() != null) {
            conditions.add(gt("_id", walkedPast(query.afterId())));
        }
        if (query.ownerId() != null) {
            conditions.add(eq(AccountDocuments.OWNER_ID, query.ownerId()));
        }
        if (query.currency() != null) {
            conditions.add(eq(AccountDocuments.CURRENCY, query.currency()));
        }
        if (query.status() != null) {
            conditions.add(eq(AccountDocuments.STATUS, query.status()));
        }
        Bson ids = conditions.isEmpty() ? Filters.empty() : and(conditions);
        // the page's accounts, each with the ids it is stored under (a settlement account: its shards)
        Map<String, List<String>> listed = new LinkedHashMap<>();
        // one extra account tells whether another page follows
        try (MongoCursor<Document> documents = timeLimit.on(collections.accounts().find(visible(ids, scope))
                        .projection(include("_id"))).sort(Sorts.ascending("_id"))
                .batchSize(query.limit() + 1 + SettlementAccounts.SHARDS).iterator()) {
            while (listed.size() <= query.limit() && documents.hasNext()) {
                String id = documents.next().getString("_id");
                if (!SettlementAccounts.isSettlement(id)) {
                    listed.put(id, List.of(id));
                } else {
                    listed.putIfAbsent(SettlementAccounts.accountOf(id), AccountQueries.storedIds(
                            SettlementAccounts.accountOf(id)));
                }
            }
        }
        List<AccountView> items = shown(listed);
        if (items.size() <= query.limit()) {
            return new Page<>(items, null);
        }
        List<AccountView> page = List.copyOf(items.subList(0, query.limit()));
        return new Page<>(page, new AccountCursor(page.get(page.size() - 1).id()).encode());
    }

    /** The listed accounts as of one moment ({@link PageCut}); a settlement account as its shards' sum. */
    private List<AccountView> shown(Map<String, List<String>> listed) {
        List<String> stored = listed.values().stream().flatMap(List::stream).toList();
        Map<String, Document> documents = new HashMap<>();
        Map<String, SettledCuts.Cut> cuts = pageCut.of(stored, read -> {
            List<SettledCuts.Applied> applied = new ArrayList<>();
            for (Document document : timeLimit.on(collections.accounts().find(in("_id", read)))) {
                if (document.containsKey(AccountDocuments.OPENED_AT)) {
                    documents.putIfAbsent(document.getString("_id"), document);
                    applied.add(AccountDocuments.applied(document));
                }
            }
            return applied;
        });
        List<AccountView> items = new ArrayList<>(listed.size());
        listed.forEach((id, storedIds) -> {
            List<AccountView> views = storedIds.stream().filter(cuts::containsKey)
                    .map(storedId -> AccountDocuments.toView(documents.get(storedId), cuts.get(storedId))).toList();
            if (views.isEmpty()) {
                return;
            }
            items.add(SettlementAccounts.isSettlementAccount(id) ? SettlementShardSum.of(id, views) : views.get(0));
        });
        return items;
    }

    /** The id after which the next page starts: after a settlement account (or one of its shards), its last shard. */
    private static String walkedPast(String afterId) {
        if (!SettlementAccounts.isSettlement(afterId)) {
            return afterId;
        }
        return Collections.max(SettlementAccounts.shardIds(SettlementAccounts.currencyOf(afterId)));
    }

    private static Bson visible(Bson ids, ReadScope scope) {
        Bson opened = and(ids, Filters.exists(AccountDocuments.OPENED_AT));
        return scope.owner()
                .map(owner -> and(opened, eq(AccountDocuments.OWNER_ID, owner), ne(AccountDocuments.SYSTEM, true)))
                .orElse(opened);
    }
}
