package io.ledgerflow.query.consistency;

import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;

/**
 * Whether the projections reflect a command: each stream's document (account or transfer, by {@code _id}) holds a
 * version (last applied sequence + 1) above the sequence the command left it at. One partition delivers a stream's
 * events in order, so a document at that version has applied everything before it too.
 */
@Component
public class ProjectedVersions {

    private final ProjectionCollections collections;
    private final AccountQueries accounts;

    public ProjectedVersions(ProjectionCollections collections, AccountQueries accounts) {
        this.collections = collections;
        this.accounts = accounts;
    }

    public boolean reflect(ConsistencyToken token) {
        for (Map.Entry<String, Long> stream : token.streams().entrySet()) {
            if (!reflects(stream.getKey(), stream.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** An account only once readers are shown it there: its legs' pairs settled ({@link AccountQueries#shownVersion}). */
    private boolean reflects(String streamId, long sequence) {
        int slash = streamId.indexOf('/');
        String id = streamId.substring(slash + 1);
        if (streamId.startsWith("account/")) {
            return accounts.shownVersion(id) > sequence;
        }
        Document document = collections.transfers().find(eq("_id", id))
                .projection(include(VersionGuard.VERSION)).first();
        if (document == null) {
            return false;
        }
        Number version = document.get(VersionGuard.VERSION, Number.class);
        return version != null && version.longValue() > sequence;
    }
}
