package io.ledgerflow.query.pairing;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.set;
import static io.ledgerflow.query.pairing.LegDocuments.ACCOUNT;
import static io.ledgerflow.query.pairing.LegDocuments.LEGS;
import static io.ledgerflow.query.pairing.LegDocuments.PAIR;
import static io.ledgerflow.query.pairing.LegDocuments.SETTLED;
import static io.ledgerflow.query.pairing.LegDocuments.VERSION;

/**
 * Decides when readers may show a transfer's step: its pair is <em>settled</em> once both legs are applied to their
 * accounts and every earlier leg of either account is settled. So a settled pair's legs show on both accounts
 * together, whichever account is read and whenever.
 *
 * <p>Runs after the accounts' bulk (so a leg recorded in its pair is on its account's document), in this order:
 * record the batch's legs in their pairs, then settle what can be, then, for every pair just settled, look again at
 * its accounts' later legs, which it may have been holding back. Each step writes before it reads what the other
 * consumers write: whoever completes a pair reads the earlier legs' pairs after recording its leg, and whoever
 * settles a pair reads the later legs after writing it; so of two consumers racing, at least one sees the other's
 * write, and no pair stays unsettled once it could be. A crash in between is repaired by the batch's redelivery,
 * which settles again what is settled and looks again at what follows.
 *
 * <p>There are no cycles: each transfer holds both accounts' locks in one order in the event store, so the accounts'
 * orders of legs agree with one order of transfers.
 */
@Order(4)
@Component
public class LegSettlement implements EventProjection {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ProjectionCollections collections;

    public LegSettlement(ProjectionCollections collections) {
        this.collections = collections;
    }

    @Override
    public boolean handles(LedgerEvent event) {
        return Leg.isLeg(event);
    }

    @Override
    public List<Bulk> writesFor(List<EventEnvelope> envelopes) {
        List<GuardedWrite> writes = legsOf(envelopes).stream().map(leg -> {
            Bson filter = eq("_id", leg.pair());
            Bson update = addToSet(LEGS, new Document(ACCOUNT, leg.accountId()).append(VERSION, leg.version()));
            // a duplicate key: a concurrent consumer inserted the pair first; add to it
            return new GuardedWrite(new UpdateOneModel<>(filter, update, UPSERT), new UpdateOneModel<>(filter, update));
        }).toList();
        return List.of(Bulk.inAnyOrder(collections.legPairs(), writes));
    }

    @Override
    public void afterWrites(List<EventEnvelope> envelopes) {
        Set<String> pairs = new LinkedHashSet<>();
        legsOf(envelopes).forEach(leg -> pairs.add(leg.pair()));
        settle(pairs);
    }

    private void settle(Set<String> batchPairs) {
        Set<String> settled = new HashSet<>();
        Set<String> candidates = batchPairs;
        boolean firstRound = true;
        while (!candidates.isEmpty()) {
            Map<String, LegPair> pairs = LegPair.read(collections.legPairs(), candidates);
            Set<String> accounts = new HashSet<>();
            pairs.values().forEach(pair -> pair.legs().forEach(leg -> accounts.add(leg.accountId())));
            Map<String, List<Marker>> markers = Marker.read(collections.accounts(), accounts);
            Set<String> deciding = new HashSet<>();
            markers.values().forEach(list -> list.forEach(marker -> deciding.add(marker.pair())));
            deciding.removeAll(pairs.keySet());
            pairs.putAll(LegPair.read(collections.legPairs(), deciding));
            pairs.values().stream().filter(LegPair::settled).forEach(pair -> settled.add(pair.id()));

            List<String> settledNow = settleable(candidates, pairs, markers, settled);
            write(settledNow);
            List<String> sources = firstRound ? candidates.stream().filter(settled::contains).toList() : settledNow;
            candidates = laterLegs(sources, pairs, settled);
            firstRound = false;
        }
    }

    /** The candidates that may be settled now, each after those it waits for. */
    private static List<String> settleable(Set<String> candidates, Map<String, LegPair> pairs,
                                           Map<String, List<Marker>> markers, Set<String> settled) {
        List<String> now = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String id : candidates) {
                LegPair pair = pairs.get(id);
                if (pair != null && !settled.contains(id) && pair.complete()
                        && nothingUnsettledBefore(pair, markers, settled)) {
                    settled.add(id);
                    now.add(id);
                    progress = true;
                }
            }
        }
        return now;
    }

    private static boolean nothingUnsettledBefore(LegPair pair, Map<String, List<Marker>> markers,
                                                  Set<String> settled) {
        for (Leg leg : pair.legs()) {
            for (Marker marker : markers.getOrDefault(leg.accountId(), List.of())) {
                if (marker.version() < leg.version() && !settled.contains(marker.pair())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** In order: a pair is written settled only after those it waited for. */
    private void write(List<String> settledNow) {
        List<GuardedWrite> writes = settledNow.stream()
                .map(id -> GuardedWrite.of(new UpdateOneModel<Document>(eq("_id", id), set(SETTLED, true))))
                .toList();
        Bulk.inOrder(collections.legPairs(), writes).execute();
    }

    /**
     * Takes the settled pairs' markers off their accounts, then reads those accounts again (after the settled pairs
     * were written): the pairs of the legs still marked there are the next candidates.
     */
    private Set<String> laterLegs(List<String> sources, Map<String, LegPair> pairs, Set<String> settled) {
        Map<String, Set<String>> byAccount = new HashMap<>();
        for (String id : sources) {
            pairs.get(id).legs().forEach(leg -> byAccount.computeIfAbsent(leg.accountId(), a -> new HashSet<>())
                    .add(id));
        }
        List<GuardedWrite> pulls = byAccount.entrySet().stream()
                .map(account -> GuardedWrite.of(new UpdateOneModel<Document>(eq("_id", account.getKey()),
                        pull(LegDocuments.UNSETTLED, in(PAIR, account.getValue())))))
                .toList();
        Bulk.inAnyOrder(collections.accounts(), pulls).execute();
        Set<String> next = new LinkedHashSet<>();
        Marker.read(collections.accounts(), byAccount.keySet()).values()
                .forEach(list -> list.forEach(marker -> next.add(marker.pair())));
        next.removeAll(settled);
        return next;
    }

    private static List<Leg> legsOf(List<EventEnvelope> envelopes) {
        return envelopes.stream().map(Leg::of).flatMap(Optional::stream).toList();
    }
}
