package io.ledgerflow.command.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last sequence number of several streams read by one statement, for the loads that follow in the same unit of
 * work ({@link StreamCheckedRepository} asks here before it asks the event store, once per stream).
 * <p>
 * Read only after the command locked those streams ({@link LedgerLocks}), as each single lookup is: no other
 * transaction can append to them until this one ends, so the numbers stay true while the command runs.
 */
@Component
public class StreamSequences {

    private static final String RESOURCE = StreamSequences.class.getName();
    private static final String LAST_SEQUENCES = "select s.id, (select max(sequencenumber) from domainevententry"
            + " where aggregateidentifier = s.id) from unnest(?::varchar[]) as s(id)";

    private final JdbcTemplate jdbc;

    public StreamSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads the streams' last sequence numbers now, for this unit of work; nothing outside one. A stream prefetched
     * before in this unit of work is skipped: once loaded, the unit of work keeps the aggregate and never asks again.
     */
    public void prefetch(Collection<String> streamIds) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Prefetched prefetched = root().getOrComputeResource(RESOURCE, key -> new Prefetched());
        String[] ids = streamIds.stream().distinct().filter(prefetched.asked::add).toArray(String[]::new);
        if (ids.length < 2) {
            return; // one lookup costs what the load's own costs
        }
        Map<String, Optional<Long>> read = prefetched.numbers;
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(LAST_SEQUENCES);
            statement.setArray(1, connection.createArrayOf("varchar", ids));
            return statement;
        }, (RowCallbackHandler) row -> {
            long last = row.getLong(2);
            Optional<Long> number = row.wasNull() ? Optional.empty() : Optional.of(last);
            read.put(row.getString(1), number);
        });
    }

    /**
     * The stream's last sequence number as prefetched in this unit of work, once: null when it was not prefetched
     * (or was taken already), so the caller asks the event store.
     */
    static Optional<Long> take(String streamId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Prefetched prefetched = root().getResource(RESOURCE);
        return prefetched == null ? null : prefetched.numbers.remove(streamId);
    }

    private static final class Prefetched {
        private final Set<String> asked = new HashSet<>();
        private final Map<String, Optional<Long>> numbers = new HashMap<>();
    }

    private static UnitOfWork<?> root() {
        return CurrentUnitOfWork.get().root();
    }
}
