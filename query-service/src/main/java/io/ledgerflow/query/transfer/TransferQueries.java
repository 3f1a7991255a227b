package io.ledgerflow.query.transfer;

import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import io.ledgerflow.query.security.ReadScope;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

/** Reads the transfers projection; which transfers a client reads is {@link TransferVisibility}'s rule. */
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
        Document document = collections.transfers().find(eq("_id", transferId)).first();
        Optional<VersionedTransfer> transfer = Optional.ofNullable(document)
                .map(found -> new VersionedTransfer(TransferView.of(found), longOf(found, VersionGuard.VERSION)));
        if (scope.owner().isEmpty()) {
            return transfer;
        }
        // the sides are looked up whatever the transfer's status and creator, so that the response time does not tell
        // a hidden rejection from a transfer one reads. Whether an id exists is no secret: transfer ids are one
        // namespace, and the command side answers 409 to a taken one.
        boolean touchesOwnAccount = accounts.anyExists(sidesOf(transfer), scope);
        return transfer.filter(t -> TransferVisibility.readableBy(scope.owner().get(), document, touchesOwnAccount));
    }

    private static List<String> sidesOf(Optional<VersionedTransfer> transfer) {
        return transfer.stream().map(VersionedTransfer::transfer)
                .flatMap(t -> Stream.of(t.debitAccountId(), t.creditAccountId()))
                .filter(Objects::nonNull).toList();
    }
}
