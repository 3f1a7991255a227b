package io.ledgerflow.command.audit;

import io.ledgerflow.events.audit.AuditedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the event store's rows directly (Axon's {@code domainevententry}), as auditors see them: nothing is
 * upcast or reinterpreted, so what the chain hashes is what is stored.
 */
@Component
public class StoredEvents {

    static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, payloadtype, "
            + "payloadrevision, payload, metadata, timestamp";
    /** Rows a streaming read fetches per round trip; a range is never held in memory whole. */
    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final StoredEventMapper mapper;

    public StoredEvents(JdbcTemplate jdbc, StoredEventMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /**
     * Calls {@code action} for each event with {@code after < position <= upTo}, in global order, at most
     * {@code limit} of them. PostgreSQL streams the rows (a cursor) only inside a transaction: call this in one.
     */
    public void forEachInRange(long after, long upTo, long limit, Consumer<AuditedEvent> action) {
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select " + COLUMNS + " from domainevententry"
                    + " where globalindex > ? and globalindex <= ? order by globalindex limit ?");
            statement.setFetchSize(FETCH_SIZE);
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setLong(3, limit);
            return statement;
        }, (RowCallbackHandler) row -> action.accept(mapper.toAudited(row)));
    }

    /**
     * At most {@code limit} of one aggregate's events with a sequence above {@code afterSequence} (-1: from the
     * first), in sequence order; {@code streamId} is the stored identifier, e.g. {@code account/a-1}.
     */
    public List<AuditedEvent> ofStream(String streamId, long afterSequence, int limit) {
        List<AuditedEvent> events = new ArrayList<>(Math.min(limit, 1024));
        jdbc.query("select " + COLUMNS + " from domainevententry where aggregateidentifier = ? and sequencenumber > ?"
                        + " order by sequencenumber limit ?",
                (RowCallbackHandler) row -> events.add(mapper.toAudited(row)), streamId, afterSequence, limit);
        return events;
    }

    /** The highest position stored, 0 for an empty store. */
    public long lastPosition() {
        Long last = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        return last == null ? 0 : last;
    }

    static long position(ResultSet row) throws SQLException {
        return row.getLong("globalindex");
    }
}
