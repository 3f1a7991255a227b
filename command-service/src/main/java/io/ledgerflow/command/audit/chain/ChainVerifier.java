package io.ledgerflow.command.audit.chain;

import io.ledgerflow.command.audit.StoredEvents;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.audit.HashChain;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Recomputes the chain over a range of stored events and compares it with the stored links. Events and links are
 * read as two cursors side by side in one read-only, repeatable-read transaction (one consistent snapshot), so a
 * range of any size is checked without holding it in memory.
 */
@Component
public class ChainVerifier {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final StoredEvents events;
    private final ChainLinks links;

    public ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, StoredEvents events,
                         ChainLinks links) {
        this.jdbc = jdbc;
        this.events = events;
        this.links = links;
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * Verifies the links of positions {@code from..to} (inclusive; {@code to} is capped at the head: events above
     * it are not linked yet), starting from the stored link just below {@code from}, or {@link HashChain#GENESIS}.
     */
    public ChainVerification verify(long from, long to) {
        return snapshot.execute(status -> {
            ChainHead head = links.head();
            long last = Math.min(to, head.position());
            ChainHead start = links.below(from).orElse(ChainHead.EMPTY);
            Check check = new Check(start);
            if (last >= from) {
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    walk(connection, check, from, last);
                    return null;
                });
            }
            return new ChainVerification(check.broken == null, check.checked, check.broken, head.hash());
        });
    }

    private void walk(Connection connection, Check check, long from, long last) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select position, hash from audit_chain_link where position >= ? and position <= ? order by position")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setLong(1, from);
            statement.setLong(2, last);
            try (ResultSet stored = statement.executeQuery()) {
                LinkCursor cursor = new LinkCursor(stored);
                try {
                    // the same transaction, hence the same connection: PostgreSQL keeps both cursors open side by side
                    events.forEachInRange(from - 1, last, Long.MAX_VALUE, event -> check.event(event, cursor));
                    check.linksLeft(cursor);
                } catch (Broken stop) {
                    // the first broken position is known: nothing after it matters
                }
            }
        }
    }

    /** The walk along both streams in position order. */
    private static final class Check {

        private String previous;
        private long checked;
        private Long broken;

        Check(ChainHead start) {
            this.previous = start.hash();
            if (!HashChain.isLink(previous)) {
                broken = start.position();
            }
        }

        void event(AuditedEvent event, LinkCursor stored) {
            if (broken != null) {
                throw Broken.STOP;
            }
            ChainHead link = stored.peek();
            if (link != null && link.position() < event.position()) {
                breakAt(link.position()); // a link whose event is gone
            }
            if (link == null || link.position() > event.position()) {
                breakAt(event.position()); // an event the chain never covered: inserted
            }
            if (!HashChain.link(previous, event).equals(link.hash())) {
                breakAt(event.position());
            }
            previous = link.hash();
            checked++;
            stored.next();
        }

        void linksLeft(LinkCursor stored) {
            if (broken == null && stored.peek() != null) {
                breakAt(stored.peek().position());
            }
        }

        private void breakAt(long position) {
            broken = position;
            throw Broken.STOP;
        }
    }

    /** Ends the event stream early once the first broken position is found. */
    private static final class Broken extends RuntimeException {
        static final Broken STOP = new Broken();

        private Broken() {
            super(null, null, false, false);
        }
    }

    /** A one-row look-ahead over the stored links. */
    private static final class LinkCursor {

        private final ResultSet rows;
        private ChainHead current;

        LinkCursor(ResultSet rows) {
            this.rows = rows;
            next();
        }

        ChainHead peek() {
            return current;
        }

        void next() {
            try {
                current = rows.next() ? new ChainHead(rows.getLong(1), rows.getString(2)) : null;
            } catch (SQLException e) {
                throw new IllegalStateException("reading the stored chain failed", e);
            }
        }
    }
}
