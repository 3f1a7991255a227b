package io.ledgerflow.query.pairing;

import io.ledgerflow.events.account.Balances;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.in;

/**
 * How far readers may show an account: up to, not including, its first leg whose pair is not settled
 * ({@link LegSettlement}). A settled pair's legs show on both of its accounts at once, so no reader sees money leave
 * one account before it arrives in the other; and since a pair settles only after every earlier leg of both
 * accounts, an account once shown at a version is never shown below it again.
 */
@Component
public class SettledCuts {

    /** History documents looked up at once per account, going down from the cut: legs are most of an account's events. */
    private static final int WINDOW = 8;

    private final ProjectionCollections collections;

    public SettledCuts(ProjectionCollections collections) {
        this.collections = collections;
    }

    /**
     * An account as its document holds it.
     *
     * @param version         the version of its newest applied event
     * @param balancesVersion the version of the event its balances come from
     * @param document        the document, with its {@code unsettled} markers
     */
    public record Applied(String accountId, long version, long balancesVersion, Document document) {
    }

    /**
     * @param version  the version to show
     * @param balances the balances as of that version; null where they are the document's own
     */
    public record Cut(long version, Balances balances) {
    }

    public Cut cut(Applied account) {
        return cuts(List.of(account)).get(account.accountId());
    }

    /** Each account's cut, its markers' pairs read at once. */
    public Map<String, Cut> cuts(Collection<Applied> accounts) {
        Map<String, Long> versions = versions(accounts);
        Map<String, Long> below = new HashMap<>();
        for (Applied account : accounts) {
            long shown = versions.get(account.accountId());
            if (shown < account.balancesVersion()) {
                below.put(account.accountId(), shown);
            }
        }
        Map<String, Balances> history = balancesAt(below);
        Map<String, Cut> cuts = new HashMap<>();
        versions.forEach((id, version) -> cuts.put(id, new Cut(version, history.get(id))));
        return cuts;
    }

    /** Each account's cut, its version only. */
    public Map<String, Long> versions(Collection<Applied> accounts) {
        Set<String> pairs = new HashSet<>();
        accounts.forEach(account -> Marker.of(account.document()).forEach(marker -> pairs.add(marker.pair())));
        Set<String> settled = settledAmong(pairs);
        Map<String, Long> versions = new HashMap<>();
        for (Applied account : accounts) {
            long shown = account.version();
            for (Marker marker : Marker.of(account.document())) {
                if (!settled.contains(marker.pair())) {
                    shown = Math.min(shown, marker.version() - 1);
                }
            }
            versions.put(account.accountId(), shown);
        }
        return versions;
    }

    private Set<String> settledAmong(Set<String> pairs) {
        Set<String> settled = new HashSet<>();
        LegPair.read(collections.legPairs(), pairs).values().stream().filter(LegPair::settled)
                .forEach(pair -> settled.add(pair.id()));
        return settled;
    }

    /**
     * Each account's balances as of a version: those after its newest leg at or below it, zero when it has none (the
     * opening, version 1, sets them to zero).
     */
    public Map<String, Balances> balancesAt(Map<String, Long> versions) {
        Map<String, Balances> balances = new HashMap<>();
        Map<String, Long> from = new HashMap<>(versions);
        while (!from.isEmpty()) {
            Map<String, String> accountOf = new HashMap<>();
            from.forEach((account, version) -> {
                for (long v = version; v > Math.max(1, version - WINDOW); v--) {
                    accountOf.put(LegDocuments.historyId(account, v), account);
                }
            });
            Map<String, Long> newest = new HashMap<>();
            Map<String, Balances> found = new HashMap<>();
            if (!accountOf.isEmpty()) {
                for (Document history : collections.balanceHistory().find(in("_id", accountOf.keySet()))) {
                    String id = history.getString("_id");
                    String account = accountOf.get(id);
                    long version = Long.parseLong(id.substring(id.lastIndexOf('#') + 1)) + 1;
                    if (version > newest.getOrDefault(account, 0L)) {
                        newest.put(account, version);
                        found.put(account, LegDocuments.balancesOf(history));
                    }
                }
            }
            Map<String, Long> further = new HashMap<>();
            from.forEach((account, version) -> {
                if (found.containsKey(account)) {
                    balances.put(account, found.get(account));
                } else if (version - WINDOW <= 1) {
                    balances.put(account, Balances.ZERO);
                } else {
                    further.put(account, version - WINDOW);
                }
            });
            from = further;
        }
        return balances;
    }
}
