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
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;


/**
 * How far readers may show an account: up to, not including, its first leg whose pair is not settled
 * ({@link LegSettlement}). A settled pair's legs show on both of its accounts at once, so no reader sees money leave
 * one account before it arrives in the other; and since a pair settles only after every earlier leg of both
 * accounts, an account once shown at a version is never shown below it again.
 *
 * <p>An account whose newest leg is within its watermark ({@code settledThrough}) costs nothing more; otherwise its
 * legs above the watermark are read from the balance history, with their pairs, in windows, all accounts at once.
 * A document without a watermark was projected before the pairs existed and is shown as it is.
 */
@Component
public class SettledCuts {

    private static final int WINDOW = 8;
    private static final NavigableMap<Long, LegHistory.Entry> NONE = new TreeMap<>();

    private final ProjectionCollections collections;

    public SettledCuts(ProjectionCollections collections) {
        this.collections = collections;
    }

    /**
     * An account as its document holds it.
     *
     * @param version         the version of its newest applied event
     * @param balancesVersion the version of the event its balances come from
     * @param document        the document, with its watermark
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

    /** Each account's cut, their histories and pairs read at once. */
    public Map<String, Cut> cuts(Collection<Applied> accounts) {
        Map<String, Cut> cuts = new HashMap<>();
        Map<String, Walk> walks = new HashMap<>();
        for (Applied account : accounts) {
            Object watermark = account.document().get(LegDocuments.SETTLED_THROUGH);
            long settledThrough = watermark instanceof Number number ? number.longValue() : Long.MAX_VALUE;
            if (account.balancesVersion() <= settledThrough) {
                cuts.put(account.accountId(), new Cut(account.version(), null));
            } else {
                walks.put(account.accountId(), new Walk(account, settledThrough));
            }
        }
        Map<String, Long> below = new HashMap<>();
        while (!walks.isEmpty()) {
            List<LegHistory.Window> windows = walks.values().stream().map(walk -> new LegHistory.Window(
                    walk.account.accountId(), walk.from - WINDOW + 1, walk.from + WINDOW)).toList();
            Map<String, NavigableMap<Long, LegHistory.Entry>> legs = LegHistory.read(collections.balanceHistory(),
                    windows);
            Set<String> settled = settledAmong(legs, walks);
            Map<String, Walk> further = new HashMap<>();
            for (Walk walk : walks.values()) {
                String id = walk.account.accountId();
                NavigableMap<Long, LegHistory.Entry> found = legs.getOrDefault(id, NONE);
                Cut cut = walk.step(found, settled);
                if (cut != null) {
                    cuts.put(id, cut);
                    if (cut.balances() == null && cut.version() < walk.account.balancesVersion()) {
                        below.put(id, cut.version());
                    }
                } else {
                    further.put(id, walk);
                }
            }
            walks = further;
        }
        balancesAt(below).forEach((id, balances) -> cuts.put(id, new Cut(cuts.get(id).version(), balances)));
        return cuts;
    }

    /** Each account's cut, its version only. */
    public Map<String, Long> versions(Collection<Applied> accounts) {
        Map<String, Long> versions = new HashMap<>();
        cuts(accounts).forEach((id, cut) -> versions.put(id, cut.version()));
        return versions;
    }

    private Set<String> settledAmong(Map<String, NavigableMap<Long, LegHistory.Entry>> legs, Map<String, Walk> walks) {
        Set<String> pairs = new HashSet<>();
        legs.forEach((id, found) -> found.tailMap(walks.get(id).from, false).values()
                .forEach(leg -> pairs.add(leg.pair())));
        Set<String> settled = new HashSet<>();
        LegPair.read(collections.legPairs(), pairs).values().stream().filter(LegPair::settled)
                .forEach(pair -> settled.add(pair.id()));
        return settled;
    }

    /** One account's way up from its watermark through settled legs, a window at a time. */
    private static final class Walk {

        private final Applied account;
        private long from;
        /** The balances after the last leg walked through; null before the first. */
        private Balances walked;

        Walk(Applied account, long settledThrough) {
            this.account = account;
            this.from = settledThrough;
        }

        /** The cut, once found in this window; null: every leg of the window is settled, go on above it. */
        Cut step(NavigableMap<Long, LegHistory.Entry> found, Set<String> settled) {
            for (LegHistory.Entry leg : found.tailMap(from, false).values()) {
                if (leg.version() > account.version()) {
                    break;
                }
                if (!settled.contains(leg.pair())) {
                    return new Cut(leg.version() - 1, walked != null ? walked : balancesAtOrBelow(found, from));
                }
                walked = leg.balances();
            }
            if (from + WINDOW >= account.balancesVersion()) {
                return new Cut(account.version(), null);
            }
            if (walked == null) {
                walked = balancesAtOrBelow(found, from);
            }
            from += WINDOW;
            return null;
        }

        /** From the window's lower half; null when no leg there (looked up further down then). */
        private static Balances balancesAtOrBelow(NavigableMap<Long, LegHistory.Entry> found, long version) {
            Map.Entry<Long, LegHistory.Entry> leg = found.floorEntry(version);
            return leg == null ? null : leg.getValue().balances();
        }
    }

    /**
     * Each account's balances as of a version: those after its newest leg at or below it, zero when it has none (the
     * opening, version 1, sets them to zero).
     */
    public Map<String, Balances> balancesAt(Map<String, Long> versions) {
        Map<String, LegHistory.Entry> newest = LegHistory.newestAtOrBelow(collections.balanceHistory(), versions,
                Function.identity(), WINDOW, WINDOW);
        Map<String, Balances> balances = new HashMap<>();
        versions.keySet().forEach(account -> balances.put(account,
                newest.containsKey(account) ? newest.get(account).balances() : Balances.ZERO));
        return balances;
    }
}
