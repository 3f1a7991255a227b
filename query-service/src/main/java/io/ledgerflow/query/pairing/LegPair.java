package io.ledgerflow.query.pairing;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.in;
import static io.ledgerflow.query.mongo.BsonReads.longOf;
import static io.ledgerflow.query.pairing.LegDocuments.ACCOUNT;
import static io.ledgerflow.query.pairing.LegDocuments.LEGS;
import static io.ledgerflow.query.pairing.LegDocuments.SETTLED;
import static io.ledgerflow.query.pairing.LegDocuments.VERSION;

/** A {@code leg_pairs} document: the legs applied so far (account and version only), and whether it is settled. */
record LegPair(String id, List<Leg> legs, boolean settled) {

    /** Both legs applied: two accounts (a step never has the same account on both sides). */
    boolean complete() {
        return legs.stream().map(Leg::accountId).distinct().count() >= 2;
    }

    /** The other account's leg. */
    Optional<Leg> partnerOf(String accountId) {
        return legs.stream().filter(leg -> !leg.accountId().equals(accountId)).findFirst();
    }

    static Map<String, LegPair> read(MongoCollection<Document> pairs, Collection<String> ids) {
        Map<String, LegPair> read = new HashMap<>();
        if (ids.isEmpty()) {
            return read;
        }
        for (Document document : pairs.find(in("_id", ids))) {
            String id = document.getString("_id");
            List<Leg> legs = new ArrayList<>(2);
            for (Document leg : document.getList(LEGS, Document.class, List.of())) {
                legs.add(new Leg(id, leg.getString(ACCOUNT), longOf(leg, VERSION), null));
            }
            read.put(id, new LegPair(id, legs, Boolean.TRUE.equals(document.getBoolean(SETTLED))));
        }
        return read;
    }
}
