package io.ledgerflow.command.audit.chain;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stored chain ({@code audit_chain_link}). */
@Component
public class ChainLinks {

    private final JdbcTemplate jdbc;

    public ChainLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ChainHead head() {
        return jdbc.query("select position, hash from audit_chain_link order by position desc limit 1",
                        (row, n) -> new ChainHead(row.getLong(1), row.getString(2)))
                .stream().findFirst().orElse(ChainHead.EMPTY);
    }

    /** The newest link below {@code position}: where a verification starting at {@code position} starts from. */
    public Optional<ChainHead> below(long position) {
        return jdbc.query("select position, hash from audit_chain_link where position < ? order by position desc limit 1",
                        (row, n) -> new ChainHead(row.getLong(1), row.getString(2)), position)
                .stream().findFirst();
    }

    public Optional<String> at(long position) {
        return jdbc.queryForList("select hash from audit_chain_link where position = ?", String.class, position)
                .stream().findFirst();
    }

    /** The links of the given positions, for decorating a page of events. */
    public Map<Long, String> of(List<Long> positions) {
        Map<Long, String> links = new java.util.HashMap<>();
        if (!positions.isEmpty()) {
            jdbc.query("select position, hash from audit_chain_link where position = any(?)",
                    row -> {
                        links.put(row.getLong(1), row.getString(2));
                    },
                    (Object) positions.toArray(Long[]::new));
        }
        return links;
    }

    void append(List<ChainHead> links) {
        jdbc.batchUpdate("insert into audit_chain_link (position, hash) values (?, ?)", links, links.size(),
                (statement, link) -> {
                    statement.setLong(1, link.position());
                    statement.setString(2, link.hash());
                });
    }
}
