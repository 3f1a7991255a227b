package io.ledgerflow.query.transfer;

import com.mongodb.client.MongoCollection;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

@Component
public class TransferQueries {

    private final MongoCollection<Document> transfers;

    public TransferQueries(ProjectionCollections collections) {
        this.transfers = collections.transfers();
    }

    public Optional<TransferView> find(String transferId) {
        return Optional.ofNullable(transfers.find(eq("_id", transferId)).first()).map(TransferView::of);
    }
}
