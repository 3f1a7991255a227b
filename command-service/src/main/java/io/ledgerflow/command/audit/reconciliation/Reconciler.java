package io.ledgerflow.command.audit.reconciliation;

import io.ledgerflow.command.audit.StoredEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reconciles every projected account with its stream in the event store. The projection is walked a page at a
 * time, and each page's accounts are replayed from the store right after it is read (so the store is never behind
 * the page); only the ids seen stay in memory, to find afterwards the store's accounts the projection lacks.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final ProjectedAccounts projection;
    private final AccountStreams store;
    private final StoredEvents events;
    private final Clock clock = Clock.systemUTC();

    Reconciler(ProjectedAccounts projection, AccountStreams store, StoredEvents events) {
        this.projection = projection;
        this.store = store;
        this.events = events;
    }

    ReconciliationReport reconcile() {
        Instant checkedAt = clock.instant();
        long upToPosition = events.lastPosition();
        Tally tally = new Tally();
        Set<String> projected = new HashSet<>();
        String cursor = null;
        do {
            ProjectionPage page = projection.page(cursor);
            Map<String, Long> targets = new LinkedHashMap<>();
            page.items().forEach(account -> targets.put(account.id(), account.version() - 1));
            Map<String, StoredAccount> stored = store.replay(targets);
            for (ProjectedAccount account : page.items()) {
                if (projected.add(account.id())) {
                    tally.add(AccountComparison.compare(account, stored.get(account.id())));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        List<String> missing = new ArrayList<>();
        store.forEachOpened(upToPosition, id -> {
            if (!projected.contains(id)) {
                missing.add(id);
            }
        });
        missing.sort(null);
        ReconciliationReport report = new ReconciliationReport(checkedAt, upToPosition,
                projected.size() + missing.size(), tally.matched, tally.lagging, missing.size(), tally.different,
                List.copyOf(tally.differences), List.copyOf(missing));
        log.info("Reconciled {} accounts up to position {}: {} matched, {} lagging, {} missing, {} different",
                report.accounts(), upToPosition, report.matched(), report.lagging(), report.missing(),
                report.different());
        return report;
    }

    private static final class Tally {
        long matched;
        long lagging;
        long different;
        final List<Difference> differences = new ArrayList<>();

        void add(AccountComparison.Outcome outcome) {
            switch (outcome.verdict()) {
                case MATCHED -> matched++;
                case LAGGING -> lagging++;
                case DIFFERENT -> {
                    different++;
                    differences.addAll(outcome.differences());
                }
            }
        }
    }
}
