package io.ledgerflow.command.messaging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Each event's own place in the event store's global order. A tracking token only knows the highest index seen,
 * which an event filling an earlier gap does not move, so the token cannot give an event its position.
 */
@Component
public class GlobalPositions {

    private final JdbcTemplate jdbc;

    public GlobalPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One query for a whole batch, by the events' unique identifiers. */
    public Map<String, Long> of(Collection<String> eventIdentifiers) {
        Map<String, Long> positions = new HashMap<>();
        if (eventIdentifiers.isEmpty()) {
            return positions;
        }
        jdbc.query("select eventidentifier, globalindex from domainevententry where eventidentifier = any(?)",
                row -> {
                    positions.put(row.getString(1), row.getLong(2));
                },
                (Object) eventIdentifiers.toArray(String[]::new));
        return positions;
    }
}
