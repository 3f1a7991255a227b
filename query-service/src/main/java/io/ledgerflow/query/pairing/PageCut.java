package io.ledgerflow.query.pairing;

import io.ledgerflow.events.account.Balances;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.pairing.SettledCuts.Applied;
import io.ledgerflow.query.pairing.SettledCuts.Cut;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;


/**
 * Several accounts in one response, as of one moment. MongoDB reads them one after the other, and a pair settled
 * in between would show on the accounts read after it and not on those read before. So the accounts are read twice:
 * a pair settled between the two readings moved the cut of an account read first past its leg; wherever its
 * partner's first reading shows it, that partner is cut back below it, and so on for the legs that hides. Every
 * step hides only pairs settled while the response was being read, so the response reads as if taken before them.
 */
@Component
public class PageCut {

    private final ProjectionCollections collections;
    private final SettledCuts cuts;

    public PageCut(ProjectionCollections collections, SettledCuts cuts) {
        this.collections = collections;
        this.cuts = cuts;
    }

    /** Legs of an account in (from, to]: shown on one side of the response, perhaps not on the other. */
    private record Hidden(String accountId, long from, long to) {
    }

    /** @param read the accounts with these ids, read from MongoDB now */
    public Map<String, Cut> of(Collection<String> ids, Function<Collection<String>, List<Applied>> read) {
        Map<String, Cut> first = cuts.cuts(read.apply(ids));
        Map<String, Long> second = cuts.versions(read.apply(ids));
        Map<String, Long> cut = new HashMap<>();
        first.forEach((id, shown) -> cut.put(id, shown.version()));
        List<Hidden> hidden = new ArrayList<>();
        for (Map.Entry<String, Long> moved : second.entrySet()) {
            Long was = cut.get(moved.getKey());
            if (was != null && moved.getValue() > was) {
                hidden.add(new Hidden(moved.getKey(), was, moved.getValue()));
            }
        }
        while (!hidden.isEmpty()) {
            hidden = cutPartnersBack(hidden, cut);
        }
        Map<String, Long> lowered = new HashMap<>();
        cut.forEach((id, version) -> {
            if (version < first.get(id).version()) {
                lowered.put(id, version);
            }
        });
        Map<String, Balances> balances = cuts.balancesAt(lowered);
        Map<String, Cut> result = new HashMap<>(first);
        lowered.forEach((id, version) -> result.put(id, new Cut(version, balances.get(id))));
        return result;
    }

    /** Cuts back every listed partner that shows a hidden leg; what that hides in turn. */
    private List<Hidden> cutPartnersBack(List<Hidden> hidden, Map<String, Long> cut) {
        List<LegHistory.Entry> legs = new ArrayList<>();
        LegHistory.read(collections.balanceHistory(), hidden.stream()
                        .map(range -> new LegHistory.Window(range.accountId(), range.from() + 1, range.to())).toList())
                .values().forEach(found -> legs.addAll(found.values()));
        Map<String, LegPair> pairs = LegPair.read(collections.legPairs(),
                legs.stream().map(LegHistory.Entry::pair).toList());
        List<Hidden> next = new ArrayList<>();
        for (LegHistory.Entry leg : legs) {
            Optional<Leg> partner = Optional.ofNullable(pairs.get(leg.pair()))
                    .flatMap(known -> known.partnerOf(leg.accountId()));
            if (partner.isPresent() && cut.containsKey(partner.get().accountId())
                    && cut.get(partner.get().accountId()) >= partner.get().version()) {
                String account = partner.get().accountId();
                long was = cut.get(account);
                cut.put(account, partner.get().version() - 1);
                next.add(new Hidden(account, partner.get().version() - 1, was));
            }
        }
        return next;
    }
}
