package io.ledgerflow.query.pairing;

import io.ledgerflow.query.messaging.ProjectionRebuilds;
import io.ledgerflow.query.messaging.RebuildInProgressException;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.gt;

/**
 * A generation projected before the pairs of legs existed has accounts with legs and no balance history: a step with
 * one leg applied before this version and the other after would never settle there, and an account cut below a
 * new leg would find no balances to show. So on start, such a generation is rebuilt (blue/green: it is served, as
 * it is, until the new one has caught up). Checked in the background: the service starts whatever MongoDB says.
 */
@Component
public class PairingUpgrade {

    private static final Logger log = LoggerFactory.getLogger(PairingUpgrade.class);

    private final ProjectionCollections collections;
    private final ProjectionRebuilds rebuilds;

    public PairingUpgrade(ProjectionCollections collections, ProjectionRebuilds rebuilds) {
        this.collections = collections;
        this.rebuilds = rebuilds;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void rebuildIfProjectedBeforePairs() {
        Thread thread = new Thread(this::check, "pairing-upgrade");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the current generation holds legs without their history. */
    public boolean projectedBeforePairs() {
        return collections.accounts().find(gt("balancesVersion", 1)).first() != null
                && collections.balanceHistory().find().first() == null;
    }

    private void check() {
        try {
            if (projectedBeforePairs()) {
                log.warn("Generation {} was projected before the pairs of legs: rebuilding it", collections.current());
                rebuilds.start();
            }
        } catch (RebuildInProgressException e) {
            log.info("A rebuild is running already: it projects the pairs of legs");
        } catch (RuntimeException e) {
            log.warn("Could not check whether the projections need a rebuild for the pairs of legs; at the next start:"
                    + " {}", e.toString());
        }
    }
}
