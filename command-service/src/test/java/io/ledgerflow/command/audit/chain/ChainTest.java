package io.ledgerflow.command.audit.chain;

import io.ledgerflow.command.audit.StoredEvents;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.audit.HashChain;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A context of its own (so a database of its own) with the scheduled linker and anchoring off: the tests link
 * when they choose, with linkers they build, and may tamper with the store.
 */
@TestPropertySource(properties = {"ledgerflow.audit.chain.enabled=false", "ledgerflow.audit.anchors.enabled=false"})
abstract class ChainTest extends CommandServiceTest {

    @Autowired
    protected TransactionTemplate transactions;
    @Autowired
    protected StoredEvents events;
    @Autowired
    protected ChainLinks links;
    @Autowired
    protected DataSource dataSource;

    protected ChainLinker linker(Duration gapGrace, int batchSize) {
        return new ChainLinker(jdbc, transactions, events, links,
                new ChainProperties(true, Duration.ofMillis(200), batchSize, gapGrace));
    }

    /** The chain recomputed from the stored events up to {@code upTo}, position by position. */
    protected Map<Long, String> recomputed(long upTo) {
        Map<Long, String> chain = new LinkedHashMap<>();
        transactions.executeWithoutResult(status -> {
            String[] previous = {HashChain.GENESIS};
            events.forEachInRange(0, upTo, Long.MAX_VALUE, event -> {
                previous[0] = HashChain.link(previous[0], event);
                chain.put(event.position(), previous[0]);
            });
        });
        return chain;
    }

    protected NavigableMap<Long, String> storedLinks() {
        NavigableMap<Long, String> chain = new TreeMap<>();
        jdbc.query("select position, hash from audit_chain_link order by position",
                row -> {
                    chain.put(row.getLong(1), row.getString(2));
                });
        return chain;
    }

    protected long lastPosition() {
        return events.lastPosition();
    }

    /**
     * Inserts, on {@code connection} (in whatever transaction it is in), a stored event copied from a real one
     * under a new stream, as a concurrent command would; returns its position.
     */
    protected static long insertEvent(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into domainevententry (aggregateidentifier,"
                + " sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)"
                + " select ?, 0, type, ?, metadata, payload, payloadrevision, payloadtype, timestamp from domainevententry"
                + " where globalindex = (select max(globalindex) from domainevententry where sequencenumber = 0"
                + " and aggregateidentifier like 'account/%') returning globalindex")) {
            insert.setString(1, "account/chain-" + UUID.randomUUID());
            insert.setString(2, UUID.randomUUID().toString());
            try (ResultSet row = insert.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no account event to copy: open an account first");
                }
                return row.getLong(1);
            }
        }
    }

    protected long insertCommittedEvent() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return insertEvent(connection);
        }
    }
}
