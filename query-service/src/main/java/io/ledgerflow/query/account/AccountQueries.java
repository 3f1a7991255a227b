package io.ledgerflow.query.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.security.ReadScope;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

/**
 * Reads the accounts projection. An account is visible once its opening has been projected, and only within the
 * caller's {@link ReadScope}: ids are compared as plain strings, never interpreted as query operators.
 */
@Component
public class AccountQueries {

    private final MongoCollection<Document> accounts;

    public AccountQueries(ProjectionCollections collections) {
        this.accounts = collections.accounts();
    }

    public Optional<AccountView> find(String accountId, ReadScope scope) {
        return Optional.ofNullable(accounts.find(visible(eq("_id", accountId), scope)).first())
                .map(AccountDocuments::toView);
    }

    public boolean exists(String accountId, ReadScope scope) {
        return accounts.countDocuments(visible(eq("_id", accountId), scope)) > 0;
    }

    /** Whether at least one of these accounts is in scope, e.g. either side of a transfer. */
    public boolean anyExists(Collection<String> accountIds, ReadScope scope) {
        return accounts.countDocuments(visible(in("_id", accountIds), scope)) > 0;
    }

    private static Bson visible(Bson ids, ReadScope scope) {
        Bson opened = and(ids, Filters.exists(AccountDocuments.OPENED_AT));
        return scope.owner()
                .map(owner -> and(opened, eq(AccountDocuments.OWNER_ID, owner), ne(AccountDocuments.SYSTEM, true)))
                .orElse(opened);
    }
}
