package io.ledgerflow.command.audit.chain;

import io.ledgerflow.command.axon.GapWatch;
import io.ledgerflow.command.axon.TransactionSnapshots;
import io.ledgerflow.command.audit.StoredEvents;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.audit.HashChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Extends the hash chain over the events stored since its head, in global order, one batch per transaction. It
 * runs beside the write path and never in it: commands do not wait for it. One instance links at a time (a
 * transaction-level advisory lock); the others find it taken and skip their turn. The chain lives in the
 * database, so a restart resumes from the stored head.
 */
public class ChainLinker {

    /** Advisory lock key (two-int form, a space apart from the ledger's single-bigint keys). */
    private static final int LOCK_CLASS = 0x4c46; // "LF"
    private static final int LOCK_CHAIN = 1;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StoredEvents events;
    private final ChainLinks links;
    private final int batchSize;
    private final GapWatch gaps;

    public ChainLinker(JdbcTemplate jdbc, TransactionTemplate transactions, StoredEvents events, ChainLinks links,
                       ChainProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.links = links;
        this.batchSize = properties.batchSize();
        this.gaps = new GapWatch(properties.gapGrace());
    }

    /** Links batches until the chain has caught up with what it may link now; returns the events linked. */
    public long catchUp() {
        long total = 0;
        int linked;
        do {
            linked = linkBatch();
            total += linked;
        } while (linked == batchSize);
        return total;
    }

    /** Links at most one batch in one transaction; returns the events linked (0 when another instance links). */
    public synchronized int linkBatch() {
        Integer linked = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?, ?)", Boolean.class,
                    LOCK_CLASS, LOCK_CHAIN);
            return Boolean.TRUE.equals(locked) ? linkBatchLocked() : 0;
        });
        return linked == null ? 0 : linked;
    }

    private int linkBatchLocked() {
        GapWatch.Snapshot before = snapshot();
        ChainHead head = links.head();
        List<AuditedEvent> next = new ArrayList<>(Math.min(batchSize, 1024));
        events.forEachInRange(head.position(), Long.MAX_VALUE, batchSize, next::add);
        if (next.isEmpty()) {
            return 0;
        }
        long now = System.nanoTime();
        List<ChainHead> linked = new ArrayList<>(next.size());
        long expected = head.position() + 1;
        String hash = head.hash();
        for (AuditedEvent event : next) {
            if (event.position() > expected && !gaps.isPermanent(event.position(), before, now)) {
                break;
            }
            hash = HashChain.link(hash, event);
            linked.add(new ChainHead(event.position(), hash));
            expected = event.position() + 1;
        }
        links.append(linked);
        gaps.passed(expected - 1);
        return linked.size();
    }

    private GapWatch.Snapshot snapshot() {
        return TransactionSnapshots.current(jdbc);
    }
}
