package io.ledgerflow.query.transfer;

import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.security.ReadScope;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;

/** Reads the transfers projection; a transfer is in scope when its debit or its credit account is. */
@Component
public class TransferQueries {

    private final ProjectionCollections collections;
    private final AccountQueries accounts;

    public TransferQueries(ProjectionCollections collections, AccountQueries accounts) {
        this.collections = collections;
        this.accounts = accounts;
    }

    public Optional<TransferView> find(String transferId, ReadScope scope) {
        Optional<TransferView> transfer =
                Optional.ofNullable(collections.transfers().find(eq("_id", transferId)).first()).map(TransferView::of);
        if (scope.owner().isEmpty()) {
            return transfer;
        }
        // looked up even for a transfer that does not exist, so that the response time does not tell it apart
        boolean inScope = accounts.anyExists(sidesOf(transfer), scope);
        return transfer.filter(t -> inScope);
    }

    private static List<String> sidesOf(Optional<TransferView> transfer) {
        return transfer.stream().flatMap(t -> Stream.of(t.debitAccountId(), t.creditAccountId()))
                .filter(Objects::nonNull).toList();
    }
}
