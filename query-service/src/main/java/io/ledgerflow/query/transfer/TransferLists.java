package io.ledgerflow.query.transfer;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.BsonReads;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.web.Page;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Lists transfers newest first, within the caller's scope: a client the ones it reads ({@link TransferVisibility}),
 * a viewer every transfer. Real MongoDB serves these from the indexes created at start-up; the embedded
 * stand-in scans.
 */
@Component
public class TransferLists {

    static final String CREATED_AT = "createdAt";

    private final ProjectionCollections collections;
    private final AccountQueries accounts;
    private final int mostOwnedAccounts;
    private final ReadTimeLimit timeLimit;

    /**
     * @param mostOwnedAccounts how many accounts a client may own and still list its transfers without naming one:
     *                          every list names them all in its query, which has to stay well inside MongoDB's 16 MB
     */
    public TransferLists(ProjectionCollections collections, AccountQueries accounts,
                         @Value("${ledgerflow.transfers.list-most-owned-accounts:10000}") int mostOwnedAccounts,
                         ReadTimeLimit timeLimit) {
        this.collections = collections;
        this.accounts = accounts;
        this.mostOwnedAccounts = mostOwnedAccounts;
        this.timeLimit = timeLimit;
    }

    /** Empty when the named account is not in the caller's scope (404, as for the account itself). */
    public Optional<Page<TransferView>> page(TransferListQuery query, ReadScope scope) {
        List<Bson> conditions = new ArrayList<>();
        Optional<String> client = scope.owner();
        if (query.accountId() != null) {
            if (!accounts.exists(query.accountId(), scope)) {
                return Optional.empty();
            }
            conditions.add(touching(List.of(query.accountId())));
            client.ifPresent(owner -> conditions.add(TransferVisibility.amongTouching(owner)));
        } else if (client.isPresent()) {
            conditions.add(TransferVisibility.all(client.get(), ownAccounts(client.get())));
        }
        if (query.status() != null) {
            conditions.add(Filters.eq("status", query.status()));
        }
        if (query.from() != null) {
            conditions.add(Filters.gte(CREATED_AT, BsonReads.firstMilliAtOrAfter(query.from())));
        }
        if (query.to() != null) {
            conditions.add(Filters.lt(CREATED_AT, BsonReads.firstMilliAtOrAfter(query.to())));
        }
        if (query.after() != null) {
            Date at = new Date(query.after().createdAtMillis());
            conditions.add(Filters.or(Filters.lt(CREATED_AT, at),
                    Filters.and(Filters.eq(CREATED_AT, at), Filters.lt("_id", query.after().id()))));
        }
        conditions.add(Filters.exists(CREATED_AT));
        List<TransferView> items = new ArrayList<>();
        // one extra transfer tells whether another page follows
        timeLimit.on(collections.transfers().find(Filters.and(conditions)))
                .sort(Sorts.descending(CREATED_AT, "_id"))
                .limit(query.limit() + 1)
                .forEach(document -> items.add(TransferView.of(document)));
        if (items.size() <= query.limit()) {
            return Optional.of(new Page<>(items, null));
        }
        List<TransferView> page = List.copyOf(items.subList(0, query.limit()));
        TransferView last = page.get(page.size() - 1);
        return Optional.of(new Page<>(page, new TransferCursor(last.createdAt().toEpochMilli(), last.id()).encode()));
    }

    private List<String> ownAccounts(String client) {
        List<String> owned = accounts.idsOwnedBy(client, mostOwnedAccounts);
        if (owned.size() > mostOwnedAccounts) {
            throw new RequestValidationException(List.of(new FieldViolation("accountId", "required for an owner of more"
                    + " than " + mostOwnedAccounts + " accounts: list the transfers of one account at a time")));
        }
        return owned;
    }

    private static Bson touching(List<String> accountIds) {
        return Filters.or(Filters.in("debitAccountId", accountIds), Filters.in("creditAccountId", accountIds));
    }
}
