package io.ledgerflow.command.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

/**
 * A trigger on {@code idempotency_keys} that fails statements as its body says, standing in for a crash or a lost
 * connection at that point; the body finds a sequence of its own as {@code {sequence}} (count the failures with it).
 */
final class KeyStoreFailures implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String name;

    private KeyStoreFailures(JdbcTemplate jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    /**
     * @param timing when it fires, e.g. {@code BEFORE UPDATE OR DELETE}
     * @param body   PL/pgSQL statements ending in a {@code RETURN}
     */
    static KeyStoreFailures install(JdbcTemplate jdbc, String timing, String body) {
        String name = "key_store_failure_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute("CREATE SEQUENCE " + name);
        jdbc.execute("CREATE FUNCTION %1$s() RETURNS trigger AS $$ BEGIN %2$s END $$ LANGUAGE plpgsql"
                .formatted(name, body.replace("{sequence}", name)));
        jdbc.execute("CREATE TRIGGER %1$s %2$s ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION %1$s()"
                .formatted(name, timing));
        return new KeyStoreFailures(jdbc, name);
    }

    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER %1$s ON idempotency_keys".formatted(name));
        jdbc.execute("DROP FUNCTION %1$s()".formatted(name));
        jdbc.execute("DROP SEQUENCE " + name);
    }
}
