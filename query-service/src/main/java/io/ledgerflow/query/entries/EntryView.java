package io.ledgerflow.query.entries;

import org.bson.Document;

import java.time.Instant;

import static io.ledgerflow.query.mongo.BsonReads.instantOf;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

/** The entry representation of the API contract; the component order is the JSON field order. */
public record EntryView(String accountId, String transferId, String kind, long amount, long balanceAfter,
                        boolean pending, Instant at, long position) {

    /** The same entry under another name of its account. */
    EntryView named(String accountId) {
        return new EntryView(accountId, transferId, kind, amount, balanceAfter, pending, at, position);
    }

    static EntryView of(Document document) {
        return new EntryView(document.getString("accountId"), document.getString("transferId"),
                document.getString("kind"), longOf(document, "amount"), longOf(document, "balanceAfter"),
                Boolean.TRUE.equals(document.getBoolean("pending")), instantOf(document, "at"),
                longOf(document, "position"));
    }
}
