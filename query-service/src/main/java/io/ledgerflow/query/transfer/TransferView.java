package io.ledgerflow.query.transfer;

import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;

import java.time.Instant;
import java.util.Map;

import static io.ledgerflow.query.mongo.BsonReads.instantOf;
import static io.ledgerflow.query.mongo.BsonReads.longOf;
import static io.ledgerflow.query.mongo.BsonReads.nullableLong;
import static io.ledgerflow.query.mongo.BsonReads.stringMap;

/** The transfer representation of the API contract; the component order is the JSON field order. */
public record TransferView(String id, String debitAccountId, String creditAccountId, long amount, String currency,
                           String status, long postedAmount, boolean pending,
                           @Schema(types = {"integer", "null"}) Long timeoutSeconds,
                           @Schema(types = {"string", "null"}) String reference,
                           @Schema(types = {"string", "null"}) String rejectionCode, Instant createdAt,
                           @Schema(types = {"string", "null"}, format = "date-time") Instant resolvedAt,
                           Map<String, String> metadata) {

    static TransferView of(Document document) {
        return new TransferView(document.getString("_id"), document.getString("debitAccountId"),
                document.getString("creditAccountId"), longOf(document, "amount"), document.getString("currency"),
                document.getString("status"), longOf(document, "postedAmount"),
                Boolean.TRUE.equals(document.getBoolean("pending")), nullableLong(document, "timeoutSeconds"),
                document.getString("reference"), document.getString("rejectionCode"),
                instantOf(document, "createdAt"), instantOf(document, "resolvedAt"), stringMap(document, "metadata"));
    }
}
