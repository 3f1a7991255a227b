package io.ledgerflow.query.pairing;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static io.ledgerflow.query.mongo.BsonReads.longOf;
import static io.ledgerflow.query.pairing.LegDocuments.PAIR;
import static io.ledgerflow.query.pairing.LegDocuments.UNSETTLED;
import static io.ledgerflow.query.pairing.LegDocuments.VERSION;

/** A leg of an account whose pair was not known settled when it was read ({@code accounts.unsettled}). */
record Marker(long version, String pair) {

    static List<Marker> of(Document account) {
        List<Marker> markers = new ArrayList<>();
        for (Document marker : account.getList(UNSETTLED, Document.class, List.of())) {
            markers.add(new Marker(longOf(marker, VERSION), marker.getString(PAIR)));
        }
        return markers;
    }

    /** Every account's markers, by account id. */
    static Map<String, List<Marker>> read(MongoCollection<Document> accounts, Collection<String> ids) {
        Map<String, List<Marker>> read = new HashMap<>();
        if (ids.isEmpty()) {
            return read;
        }
        for (Document account : accounts.find(in("_id", ids)).projection(include(UNSETTLED))) {
            read.put(account.getString("_id"), of(account));
        }
        return read;
    }
}
