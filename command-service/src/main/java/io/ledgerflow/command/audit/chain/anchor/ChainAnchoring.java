package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.command.audit.chain.ChainHead;
import io.ledgerflow.command.audit.chain.ChainLinks;
import io.ledgerflow.events.audit.ChainAnchor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Signs the chain's head when it moved since the last anchor, stores the anchor, and publishes every anchor the
 * broker has not acknowledged yet, oldest first (at least once: an anchor is marked published only after the
 * acknowledgement). One instance does it at a time (a transaction-level advisory lock); the others skip their turn.
 */
public class ChainAnchoring {

    private static final Logger LOG = LoggerFactory.getLogger(ChainAnchoring.class);
    /** The chain linker's lock class, a key of its own. */
    private static final int LOCK_CLASS = 0x4c46;
    private static final int LOCK_ANCHORS = 2;
    private static final int PUBLISH_BATCH = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ChainLinks links;
    private final ChainAnchors anchors;
    private final AnchorKey key;
    private final AnchorPublisher publisher;
    private final Clock clock;

    ChainAnchoring(JdbcTemplate jdbc, TransactionTemplate transactions, ChainLinks links, ChainAnchors anchors,
                   AnchorKey key, AnchorPublisher publisher, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.links = links;
        this.anchors = anchors;
        this.key = key;
        this.publisher = publisher;
        this.clock = clock;
    }

    public void anchorAndPublish() {
        anchor();
        publish();
    }

    /** Signs and stores the head when it is above the last anchor; returns the new anchor. */
    public Optional<ChainAnchor> anchor() {
        return transactions.execute(status -> {
            if (!locked()) {
                return Optional.empty();
            }
            ChainHead head = links.head();
            if (head.position() == 0 || head.position() <= anchors.lastPosition()) {
                return Optional.empty();
            }
            ChainAnchor anchor = key.sign(head.position(), head.hash(), clock.instant());
            anchors.add(anchor);
            return Optional.of(anchor);
        });
    }

    /** Publishes the unacknowledged anchors; returns how many the broker acknowledged. */
    public int publish() {
        Integer published = transactions.execute(status -> {
            if (!locked()) {
                return 0;
            }
            int acknowledged = 0;
            for (ChainAnchor anchor : anchors.unpublished(PUBLISH_BATCH)) {
                try {
                    publisher.publish(anchor);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    LOG.warn("audit anchors: publishing anchor {} failed, trying again next time: {}",
                            anchor.position(), e.toString());
                    break;
                }
                anchors.markPublished(anchor.position());
                acknowledged++;
            }
            return acknowledged;
        });
        return published == null ? 0 : published;
    }

    private boolean locked() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?, ?)", Boolean.class,
                LOCK_CLASS, LOCK_ANCHORS));
    }
}
