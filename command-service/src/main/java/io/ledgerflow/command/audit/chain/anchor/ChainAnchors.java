package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.events.audit.ChainAnchor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;

/** The stored anchors ({@code audit_chain_anchor}), one per anchored position. */
@Component
public class ChainAnchors {

    private static final String COLUMNS = "position, head_hash, signed_at, key_id, signature";
    private static final RowMapper<ChainAnchor> ANCHOR = (row, n) -> new ChainAnchor(row.getLong(1), row.getString(2),
            row.getString(3), row.getString(4), row.getString(5));

    private final JdbcTemplate jdbc;

    public ChainAnchors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The highest anchored position, 0 when nothing is anchored yet. */
    public long lastPosition() {
        Long last = jdbc.queryForObject("select max(position) from audit_chain_anchor", Long.class);
        return last == null ? 0 : last;
    }

    public void add(ChainAnchor anchor) {
        jdbc.update("insert into audit_chain_anchor (" + COLUMNS + ") values (?, ?, ?, ?, ?) on conflict do nothing",
                anchor.position(), anchor.headHash(), anchor.signedAt(), anchor.keyId(), anchor.signature());
    }

    /** Anchors not yet acknowledged by the broker, oldest first. */
    public List<ChainAnchor> unpublished(int limit) {
        return jdbc.query("select " + COLUMNS + " from audit_chain_anchor where published_at is null"
                + " order by position limit ?", ANCHOR, limit);
    }

    public void markPublished(long position) {
        jdbc.update("update audit_chain_anchor set published_at = now() where position = ?", position);
    }

    /** Up to {@code limit} anchors above {@code after}, in position order. */
    public List<ChainAnchor> page(long after, int limit) {
        return jdbc.query("select " + COLUMNS + " from audit_chain_anchor where position > ? order by position limit ?",
                ANCHOR, after, limit);
    }
}
