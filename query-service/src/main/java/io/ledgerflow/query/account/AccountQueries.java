package io.ledgerflow.query.account;

import com.mongodb.client.MongoCursor;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.pairing.SettledCuts;
import io.ledgerflow.query.security.ReadScope;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;

/**
 * Reads the accounts projection. An account is visible once its opening has been projected, and only within the
 * caller's {@link ReadScope}: ids are compared as plain strings, never interpreted as query operators.
 *
 * <p>MongoDB is asked by {@code _id} alone and visibility is decided on the document: the embedded MongoDB stand-in
 * uses an index only for a filter on {@code _id} alone and scanned every account for the combined filter.
 */
@Component
public class AccountQueries {

    private final ProjectionCollections collections;
    private final SettledCuts cuts;

    public AccountQueries(ProjectionCollections collections, SettledCuts cuts) {
        this.collections = collections;
        this.cuts = cuts;
    }

    /**
     * A settlement account ({@code @world:<CUR>}) is answered as the sum of its shards ({@link SettlementShardSum});
     * its shard 0 alone, stored under the settlement account's own id, as {@code @world:<CUR>:0}.
     */
    public Optional<AccountView> find(String accountId, ReadScope scope) {
        List<Document> documents = storedIds(accountId).stream()
                .map(id -> collections.accounts().find(eq("_id", id)).first())
                .filter(document -> document != null && isVisible(document, scope))
                .toList();
        List<AccountView> stored = shown(documents);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (SettlementAccounts.isSettlementAccount(accountId)) {
            return Optional.of(SettlementShardSum.of(accountId, stored));
        }
        return Optional.of(stored.get(0).withId(accountId));
    }

    /** The accounts as readers may show them: each up to its settled cut ({@link SettledCuts}). */
    List<AccountView> shown(List<Document> documents) {
        Map<String, SettledCuts.Cut> shown = cuts.cuts(documents.stream().map(AccountDocuments::applied).toList());
        return documents.stream()
                .map(document -> AccountDocuments.toView(document, shown.get(document.getString("_id"))))
                .toList();
    }

    /** The version a reader may show of this stored account (a settlement account's shard), 0 if not projected. */
    public long shownVersion(String storedId) {
        Document document = collections.accounts().find(eq("_id", storedId)).first();
        return document == null ? 0 : cuts.cut(AccountDocuments.applied(document)).version();
    }

    /** For a settlement account: whether any of its shards is projected and in scope. */
    public boolean exists(String accountId, ReadScope scope) {
        return storedIds(accountId).stream().anyMatch(id -> existsAlone(id, scope));
    }

    /**
     * The ids under which this account is projected (its documents, and its statement's entries): a settlement
     * account's shards, or the account itself.
     */
    public static List<String> storedIds(String accountId) {
        if (SettlementAccounts.isSettlementAccount(accountId)) {
            return SettlementAccounts.shardIds(SettlementAccounts.currencyOf(accountId));
        }
        return List.of(SettlementAccounts.storedIdOf(accountId));
    }

    private boolean existsAlone(String accountId, ReadScope scope) {
        Document account = collections.accounts().find(eq("_id", accountId)).projection(visibilityFields()).first();
        return account != null && isVisible(account, scope);
    }

    /** Whether at least one of these accounts is in scope, e.g. either side of a transfer. */
    public boolean anyExists(Collection<String> accountIds, ReadScope scope) {
        // one lookup per id (a transfer has two sides), each also finding a settlement account's shards
        boolean any = false;
        for (String accountId : accountIds) {
            any |= exists(accountId, scope);
        }
        return any;
    }

    /**
     * The ids of the owner's opened accounts, settlement accounts never among them: all of them, or {@code atMost} + 1
     * when it owns more (the caller then knows that it owns more).
     */
    public List<String> idsOwnedBy(String owner, int atMost) {
        List<String> ids = new ArrayList<>();
        try (MongoCursor<Document> accounts = collections.accounts().find(eq(AccountDocuments.OWNER_ID, owner))
                .projection(visibilityFields()).iterator()) {
            while (accounts.hasNext() && ids.size() <= atMost) {
                Document account = accounts.next();
                if (isVisible(account, ReadScope.ownedBy(owner))) {
                    ids.add(account.getString("_id"));
                }
            }
        }
        return ids;
    }

    private static boolean isVisible(Document account, ReadScope scope) {
        if (!account.containsKey(AccountDocuments.OPENED_AT)) {
            return false;
        }
        return scope.owner()
                .map(owner -> owner.equals(account.get(AccountDocuments.OWNER_ID))
                        && !Boolean.TRUE.equals(account.get(AccountDocuments.SYSTEM)))
                .orElse(true);
    }

    private static Bson visibilityFields() {
        return include(AccountDocuments.OPENED_AT, AccountDocuments.OWNER_ID, AccountDocuments.SYSTEM);
    }
}
