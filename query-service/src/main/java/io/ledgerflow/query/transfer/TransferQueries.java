package io.ledgerflow.query.transfer;

import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import io.ledgerflow.query.security.ReadScope;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

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
        return findVersioned(transferId, scope).map(VersionedTransfer::transfer);
    }

    public Optional<VersionedTransfer> findVersioned(String transferId, ReadScope scope) {
        Optional<VersionedTransfer> transfer = Optional.ofNullable(collections.transfers()
                        .find(eq("_id", transferId)).first())
                .map(document -> new VersionedTransfer(TransferView.of(document),
                        longOf(document, VersionGuard.VERSION)));
        if (scope.owner().isEmpty()) {
            return transfer;
        }
        // looked up even for a transfer that does not exist, so that the response time does not tell it apart
        boolean inScope = accounts.anyExists(sidesOf(transfer), scope);
        return transfer.filter(t -> inScope);
    }

    private static List<String> sidesOf(Optional<VersionedTransfer> transfer) {
        return transfer.stream().map(VersionedTransfer::transfer)
                .flatMap(t -> Stream.of(t.debitAccountId(), t.creditAccountId()))
                .filter(Objects::nonNull).toList();
    }
}
