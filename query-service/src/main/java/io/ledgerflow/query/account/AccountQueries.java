package io.ledgerflow.query.account;

import com.mongodb.client.MongoCollection;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import com.mongodb.client.model.Filters;

/** Reads the accounts projection. An account is visible once its opening has been projected. */
@Component
public class AccountQueries {

    private final MongoCollection<Document> accounts;

    public AccountQueries(ProjectionCollections collections) {
        this.accounts = collections.accounts();
    }

    public Optional<AccountView> find(String accountId) {
        return Optional.ofNullable(accounts.find(opened(accountId)).first()).map(AccountDocuments::toView);
    }

    public boolean exists(String accountId) {
        return accounts.countDocuments(opened(accountId)) > 0;
    }

    private static Bson opened(String accountId) {
        return and(eq("_id", accountId), Filters.exists(AccountDocuments.OPENED_AT));
    }
}
