package io.ledgerflow.query.pairing;

import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;

/**
 * What {@link LegSettlement} promises, checked on the stored documents while consumers go on writing them: on every
 * account, no leg's pair is settled while an earlier leg's pair is not, and every leg at or below the account's
 * watermark ({@code settledThrough}) is settled. Readers rely on both: they show an account up to its first unsettled
 * leg, starting at the watermark.
 * <p>
 * The collections are read one after the other, in an order that makes every violation reported real: settled pairs
 * and watermarks only ever grow, so a pair settled in the first reading of the settled pairs, and a watermark read
 * before it, were settled and raised at an instant when a pair missing from the second reading was not settled yet.
 */
final class StoredPairsCheck {

    private StoredPairsCheck() {
    }

    /** @return one line per violation; empty when the stored pairs keep the promise */
    static List<String> violations(ProjectionCollections collections) {
        Map<String, Long> watermarks = new HashMap<>();
        for (Document account : collections.accounts().find().projection(include(LegDocuments.SETTLED_THROUGH))) {
            if (account.get(LegDocuments.SETTLED_THROUGH) instanceof Number watermark) {
                watermarks.put(account.getString("_id"), watermark.longValue());
            }
        }
        Set<String> settledBefore = settledPairs(collections);
        Map<String, NavigableMap<Long, String>> legs = new HashMap<>();
        for (Document leg : collections.balanceHistory().find()) {
            String id = leg.getString("_id");
            legs.computeIfAbsent(id.substring(0, id.lastIndexOf('#')), account -> new TreeMap<>())
                    .put(((Number) leg.get(LegDocuments.VERSION)).longValue(), leg.getString(LegDocuments.PAIR));
        }
        Set<String> settledAfter = settledPairs(collections);

        List<String> violations = new ArrayList<>();
        legs.forEach((account, byVersion) -> {
            Map.Entry<Long, String> firstUnsettled = byVersion.entrySet().stream()
                    .filter(leg -> !settledAfter.contains(leg.getValue())).findFirst().orElse(null);
            if (firstUnsettled == null) {
                return;
            }
            byVersion.tailMap(firstUnsettled.getKey(), false).forEach((version, pair) -> {
                if (settledBefore.contains(pair)) {
                    violations.add(account + ": pair " + pair + " (v" + version + ") settled above unsettled "
                            + firstUnsettled.getValue() + " (v" + firstUnsettled.getKey() + ")");
                }
            });
            Long watermark = watermarks.get(account);
            if (watermark != null && watermark >= firstUnsettled.getKey()) {
                violations.add(account + ": settledThrough " + watermark + " at or above unsettled "
                        + firstUnsettled.getValue() + " (v" + firstUnsettled.getKey() + ")");
            }
        });
        return violations;
    }

    /** The ids of the pairs stored as settled. */
    static Set<String> settledPairs(ProjectionCollections collections) {
        Set<String> settled = new HashSet<>();
        for (Document pair : collections.legPairs().find(eq(LegDocuments.SETTLED, true)).projection(include("_id"))) {
            settled.add(pair.getString("_id"));
        }
        return settled;
    }
}
