package io.ledgerflow.query.pairing;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.mongo.KnownInGeneration;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addEachToSet;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static io.ledgerflow.query.pairing.LegDocuments.ACCOUNT;
import static io.ledgerflow.query.pairing.LegDocuments.LEGS;
import static io.ledgerflow.query.pairing.LegDocuments.SETTLED;
import static io.ledgerflow.query.pairing.LegDocuments.VERSION;

/**
 * Decides when readers may show a transfer's step: its pair is <em>settled</em> once both legs are applied to their
 * accounts and every earlier leg of either account is settled. So a settled pair's legs show on both accounts
 * together, whichever account is read and whenever.
 *
 * <p>Runs after the accounts' bulk (so a leg recorded in its pair is in the balance history and on its account's
 * document), in this order: record the batch's legs in their pairs; settle each pair whose two legs are recorded and
 * whose legs' predecessors on their accounts ({@link LegNeighbours}) are settled; then, for every pair just settled,
 * try the next leg on each of its accounts, which it may have been holding back; last, raise the accounts'
 * watermarks. Each step writes before it reads what the other consumers write: whoever completes a pair reads the
 * predecessors' pairs after recording its leg, and whoever settles a pair reads the next legs after writing it; so
 * of two consumers racing, at least one sees the other's write, and no pair stays unsettled once it could be. A
 * crash in between is repaired by the batch's redelivery, which settles again what is settled and tries what follows.
 * Each pair costs a constant number of lookups, however many legs wait behind it.
 *
 * <p>There are no cycles: each transfer holds both accounts' locks in one order in the event store, so the accounts'
 * orders of legs agree with one order of transfers.
 */
@Order(4)
@Component
public class LegSettlement implements EventProjection {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ProjectionCollections collections;
    private final List<PairsSettledListener> listeners;
    private final DistributionSummary rounds;
    private final LegTails tails = new LegTails();
    private final LegNeighbours neighbours;
    /** Pairs seen settled: the leg after one need not read it again. */
    private final KnownInGeneration settledPairs;

    @Autowired
    public LegSettlement(ProjectionCollections collections, List<PairsSettledListener> listeners,
                         MeterRegistry meters) {
        this.collections = collections;
        this.listeners = List.copyOf(listeners);
        this.neighbours = new LegNeighbours(collections, tails);
        this.settledPairs = new KnownInGeneration(collections, 16_384);
        this.rounds = DistributionSummary.builder("ledgerflow.pairing.rounds")
                .description("rounds of reads and writes the settle step took after one batch")
                .register(meters);
    }

    public LegSettlement(ProjectionCollections collections) {
        this(collections, List.of(), new SimpleMeterRegistry());
    }

    @Override
    public boolean handles(LedgerEvent event) {
        // every account event: the legs' predecessors are followed through the others too (LegTails)
        return event instanceof AccountEvent;
    }

    @Override
    public List<Bulk> writesFor(List<EventEnvelope> envelopes) {
        return List.of();
    }

    /**
     * Records the batch's legs in their pairs, one write per pair. A pair this batch inserted holds no other
     * consumer's leg yet: whoever adds the other leg reads it after, and settles it, unless both legs are in this
     * batch. The other pairs are read.
     */
    @Override
    public void afterWrites(List<EventEnvelope> envelopes) {
        Map<String, Optional<String>> known = new HashMap<>(tails.follow(envelopes));
        Map<String, List<Leg>> byPair = new LinkedHashMap<>();
        for (Leg leg : legsOf(envelopes)) {
            Leg recorded = new Leg(leg.pair(), leg.accountId(), leg.version(), null);
            List<Leg> pairLegs = byPair.computeIfAbsent(leg.pair(), pair -> new ArrayList<>(2));
            if (!pairLegs.contains(recorded)) {
                pairLegs.add(recorded);
            }
        }
        List<LegPair> recorded = byPair.entrySet().stream()
                .map(pair -> new LegPair(pair.getKey(), pair.getValue(), false)).toList();
        Set<Integer> inserted = record(recorded);
        Set<String> toRead = new LinkedHashSet<>();
        Map<String, LegPair> fresh = new HashMap<>();
        for (int index = 0; index < recorded.size(); index++) {
            LegPair pair = recorded.get(index);
            if (!inserted.contains(index)) {
                toRead.add(pair.id());
            } else if (pair.complete()) {
                fresh.put(pair.id(), pair);
            }
        }
        settle(toRead, fresh, known);
    }

    /** The indexes of the pairs inserted. */
    private Set<Integer> record(List<LegPair> pairs) {
        List<GuardedWrite> writes = pairs.stream().map(pair -> {
            Bson filter = eq("_id", pair.id());
            Bson update = addEachToSet(LEGS, pair.legs().stream()
                    .map(leg -> new Document(ACCOUNT, leg.accountId()).append(VERSION, leg.version())).toList());
            // a duplicate key: a concurrent consumer inserted the pair first; add to it
            return new GuardedWrite(new UpdateOneModel<>(filter, update, UPSERT), new UpdateOneModel<>(filter, update));
        }).toList();
        return Bulk.inAnyOrder(collections.legPairs(), writes).executeReportingInserts();
    }

    /**
     * @param toRead the batch's pairs to read
     * @param fresh  the batch's pairs known without reading: complete, not settled
     * @param known  by history id, the pair of the leg before a leg (empty: none), where known
     */
    private void settle(Set<String> toRead, Map<String, LegPair> fresh, Map<String, Optional<String>> known) {
        Set<String> settled = new HashSet<>();
        Set<String> candidates = toRead;
        Map<String, LegPair> given = fresh;
        List<LegPair> allSources = new ArrayList<>();
        boolean firstRound = true;
        int round = 0;
        while (!candidates.isEmpty() || !given.isEmpty()) {
            round++;
            Map<String, LegPair> pairs = new HashMap<>(given);
            pairs.putAll(LegPair.read(collections.legPairs(), candidates));
            pairs.values().stream().filter(LegPair::settled).forEach(pair -> settled.add(pair.id()));
            List<LegPair> open = pairs.values().stream().filter(pair -> !pair.settled() && pair.complete())
                    .sorted(Comparator.comparingLong(pair -> pair.legs().get(0).version())).toList();
            Map<Leg, String> before = neighbours.before(open, known);
            Set<String> unknown = new HashSet<>(before.values());
            unknown.removeAll(pairs.keySet());
            unknown.removeIf(pair -> {
                boolean cached = settledPairs.contains(pair);
                if (cached) {
                    settled.add(pair);
                }
                return cached;
            });
            LegPair.read(collections.legPairs(), unknown).values().stream().filter(LegPair::settled)
                    .forEach(pair -> settled.add(pair.id()));

            List<LegPair> settledNow = settleable(open, before, settled);
            write(settledNow);
            settledNow.forEach(pair -> settledPairs.add(pair.id()));
            List<LegPair> sources = firstRound
                    ? pairs.values().stream().filter(pair -> settled.contains(pair.id())).toList() : settledNow;
            allSources.addAll(sources);
            // a rebuild's consumer settles the pairs of a generation nobody reads yet
            if (!sources.isEmpty() && collections.generation().equals(collections.current())) {
                List<String> ids = sources.stream().map(LegPair::id).toList();
                listeners.forEach(listener -> listener.settled(ids));
            }
            candidates = neighbours.after(sources, known);
            candidates.removeAll(settled);
            given = Map.of();
            firstRound = false;
        }
        raiseWatermarks(allSources);
        rounds.record(round);
    }

    /** The open pairs that may be settled now, each after the one before it on either account. */
    private static List<LegPair> settleable(List<LegPair> open, Map<Leg, String> before, Set<String> settled) {
        List<LegPair> now = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (LegPair pair : open) {
                if (!settled.contains(pair.id()) && pair.legs().stream()
                        .allMatch(leg -> before.get(leg) == null || settled.contains(before.get(leg)))) {
                    settled.add(pair.id());
                    now.add(pair);
                    progress = true;
                }
            }
        }
        return now;
    }

    /** In order: a pair is written settled only after those it waited for. */
    private void write(List<LegPair> settledNow) {
        List<GuardedWrite> writes = settledNow.stream()
                .map(pair -> GuardedWrite.of(new UpdateOneModel<Document>(eq("_id", pair.id()), set(SETTLED, true))))
                .toList();
        Bulk.inOrder(collections.legPairs(), writes).execute();
    }

    /** After the pairs: every leg up to these is settled (a watermark that only grows; readers start there). */
    private void raiseWatermarks(List<LegPair> sources) {
        Map<String, Long> through = new HashMap<>();
        sources.forEach(pair -> pair.legs().forEach(leg -> through.merge(leg.accountId(), leg.version(), Math::max)));
        List<GuardedWrite> writes = through.entrySet().stream()
                .map(account -> GuardedWrite.of(new UpdateOneModel<Document>(eq("_id", account.getKey()),
                        max(LegDocuments.SETTLED_THROUGH, account.getValue()))))
                .toList();
        Bulk.inAnyOrder(collections.accounts(), writes).execute();
    }

    private static List<Leg> legsOf(List<EventEnvelope> envelopes) {
        return envelopes.stream().map(Leg::of).flatMap(Optional::stream).toList();
    }
}
