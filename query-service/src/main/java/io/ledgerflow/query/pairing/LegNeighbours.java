package io.ledgerflow.query.pairing;

import io.ledgerflow.query.mongo.BsonReads;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

/**
 * The legs next to a leg on its account, for the settle step: the one before (from the account's stream as this
 * instance read it, else the balance history) and the ones after (from the balance history, read after the pair was
 * written settled).
 */
final class LegNeighbours {

    /** History documents looked at at once per account, going down: most of an account's events are legs. */
    private static final int WINDOW = 16;
    /**
     * At most this many versions are looked at at once after a settled leg on its account: as far as this instance
     * has read the account (the next round settles a chain of them), at least the next one (another instance may
     * have applied it). More cost a rebuild, which reads far behind what this instance has read, more than they save.
     */
    private static final int AHEAD = 4;
    private static final NavigableMap<Long, LegHistory.Entry> EMPTY = new TreeMap<>();

    private final ProjectionCollections collections;
    private final LegTails tails;

    LegNeighbours(ProjectionCollections collections, LegTails tails) {
        this.collections = collections;
        this.tails = tails;
    }

    /**
     * For each leg of these pairs, the pair of the leg before it on its account (absent: it is the first): known from
     * the window it was found in, else looked up, first just below it (the event before a leg is mostly a leg).
     */
    Map<Leg, String> before(List<LegPair> pairs, Map<String, Optional<String>> known) {
        Map<Leg, String> before = new HashMap<>();
        Map<Leg, Long> looking = new HashMap<>();
        for (LegPair pair : pairs) {
            for (Leg leg : pair.legs()) {
                Optional<String> previous = known.get(LegDocuments.historyId(leg.accountId(), leg.version()));
                if (previous != null) {
                    previous.ifPresent(it -> before.put(leg, it));
                } else {
                    looking.put(leg, leg.version() - 1);
                }
            }
        }
        LegHistory.newestAtOrBelow(collections.balanceHistory(), looking, Leg::accountId, 1, WINDOW)
                .forEach((leg, previous) -> before.put(leg, previous.pair()));
        return before;
    }

    /**
     * Read after the pairs were written settled: the pairs of the next legs on each account of theirs (those of the
     * first window that has any, up to the version the account's document has reached), each with the pair of the
     * leg before it.
     * <p>
     * A window without legs says "none there" only when it was read after the account's version: the history is
     * written before the account's document, so every leg up to that version is in a window read after it. A window
     * read before may have missed legs applied meanwhile, and the first leg of the next window would then be taken to
     * follow the settled pair directly, skipping them; so it is read again, after the version.
     */
    Set<String> after(List<LegPair> sources, Map<String, Optional<String>> known) {
        Map<String, Long> from = new HashMap<>();
        Map<String, String> sourceBefore = new HashMap<>();
        for (LegPair pair : sources) {
            for (Leg leg : pair.legs()) {
                if (leg.version() + 1 > from.getOrDefault(leg.accountId(), 0L)) {
                    from.put(leg.accountId(), leg.version() + 1);
                    sourceBefore.put(leg.accountId(), pair.id());
                }
            }
        }
        Set<String> next = new LinkedHashSet<>();
        Map<String, Long> reached = new HashMap<>();
        Map<String, Long> looking = new HashMap<>(from);
        while (!looking.isEmpty()) {
            Set<String> vouched = Set.copyOf(reached.keySet());
            Map<String, Long> widths = new HashMap<>();
            looking.forEach((account, first) -> widths.put(account,
                    Math.max(1, Math.min(AHEAD, tails.seenThrough(account) - first + 1))));
            List<LegHistory.Window> windows = looking.entrySet().stream().map(entry -> new LegHistory.Window(
                    entry.getKey(), entry.getValue(), entry.getValue() + widths.get(entry.getKey()) - 1)).toList();
            Map<String, NavigableMap<Long, LegHistory.Entry>> found = LegHistory.read(collections.balanceHistory(),
                    windows);
            Map<String, Long> further = new HashMap<>();
            Map<String, Long> readAgain = new HashMap<>();
            for (Map.Entry<String, Long> account : looking.entrySet()) {
                NavigableMap<Long, LegHistory.Entry> legs = found.getOrDefault(account.getKey(), EMPTY)
                        .tailMap(account.getValue(), true);
                // all of them: the next round settles a chain of them at once, each after the one before
                String previous = sourceBefore.get(account.getKey());
                for (LegHistory.Entry leg : legs.values()) {
                    next.add(leg.pair());
                    known.put(LegDocuments.historyId(account.getKey(), leg.version()), Optional.of(previous));
                    previous = leg.pair();
                }
                if (legs.isEmpty() && vouched.contains(account.getKey())) {
                    further.put(account.getKey(), account.getValue() + widths.get(account.getKey()));
                } else if (legs.isEmpty()) {
                    readAgain.put(account.getKey(), account.getValue());
                }
            }
            // none in the window: events other than legs, or none yet; how far the account has gone says which
            reached.putAll(versions(readAgain.keySet()));
            further.putAll(readAgain);
            further.entrySet().removeIf(account -> account.getValue() > reached.get(account.getKey()));
            looking = further;
        }
        return next;
    }

    /** How far each account has been applied (0: not at all). */
    private Map<String, Long> versions(Set<String> accounts) {
        Map<String, Long> versions = new HashMap<>();
        if (accounts.isEmpty()) {
            return versions;
        }
        accounts.forEach(account -> versions.put(account, 0L));
        for (Document account : collections.accounts().find(in("_id", accounts))
                .projection(include(VersionGuard.VERSION))) {
            versions.put(account.getString("_id"), BsonReads.longOf(account, VersionGuard.VERSION));
        }
        return versions;
    }
}
