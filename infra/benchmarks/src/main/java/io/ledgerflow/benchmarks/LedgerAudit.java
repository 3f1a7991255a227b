package io.ledgerflow.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Money conservation and exactly-once, checked where the money is: the event store (PostgreSQL over JDBC, every
 * event's JSON payload) and the projections (the query-service's {@code GET /api/v1/accounts/{id}}, viewer token).
 * <ul>
 *   <li>{@link #eventStore}: each account's posted balance is the {@code balances.posted} of its newest event that
 *       carries balances (AccountDebited / AccountCredited carry the balances after the event); currencies come
 *       from AccountOpened ({@code @world:<CUR>} from its id). Σ posted per currency must be 0.</li>
 *   <li>{@link #transferCounts}: per transfer id (those of one run) how many TransferPosted, TransferRejected,
 *       AccountDebited and AccountCredited events name it; an accepted id must have exactly 1, 0, 1, 1.</li>
 *   <li>{@link #projectionsCaughtUp}: reads every account of the event store from the query side until each shows
 *       the event store's posted balance (or the time is up), then sums them per currency.</li>
 * </ul>
 * Database: {@code -Dledgerflow.bench.jdbc-url} [jdbc:postgresql://localhost:15432/ledgerflow],
 * {@code .jdbc-user} / {@code .jdbc-password} [postgres / postgres]; a host other than loopback is refused.
 */
public final class LedgerAudit {

    static final String JDBC_URL = "ledgerflow.bench.jdbc-url";
    private static final String EVENTS = "io.ledgerflow.events.";
    private static final String WORLD = "@world:";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public LedgerAudit(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Targets.requireLoopback(JDBC_URL, uri.getHost());
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public static LedgerAudit fromSystemProperties() {
        return new LedgerAudit(System.getProperty(JDBC_URL, "jdbc:postgresql://localhost:15432/ledgerflow"),
                System.getProperty("ledgerflow.bench.jdbc-user", "postgres"),
                System.getProperty("ledgerflow.bench.jdbc-password", "postgres"));
    }

    /** What the event store says: posted balance and currency per account, and their sums. */
    public record Balances(Map<String, Long> postedByAccount, Map<String, String> currencyByAccount) {

        /**
         * Posted balances as the query side answers them: a settlement account's shards ({@code @world:<CUR>:k})
         * summed into {@code @world:<CUR>}.
         */
        public Map<String, Long> postedByApiAccount() {
            Map<String, Long> byAccount = new TreeMap<>();
            postedByAccount.forEach((account, posted) ->
                    byAccount.merge(settlementAccountOf(account), posted, Math::addExact));
            return byAccount;
        }

        public Map<String, Long> sumByCurrency() {
            Map<String, Long> sums = new TreeMap<>();
            postedByAccount.forEach((account, posted) ->
                    sums.merge(currencyByAccount.getOrDefault(account, "?"), posted, Math::addExact));
            return sums;
        }
    }

    /** Events naming one transfer id. */
    public record TransferCount(long posted, long rejected, long debited, long credited) {

        public boolean appliedOnce() {
            return posted == 1 && rejected == 0 && debited == 1 && credited == 1;
        }

        public boolean untouched() {
            return posted == 0 && debited == 0 && credited == 0;
        }

        @Override
        public String toString() {
            return "posted " + posted + ", rejected " + rejected + ", debited " + debited + ", credited " + credited;
        }
    }

    public Balances eventStore() {
        Map<String, Long> posted = new TreeMap<>();
        Map<String, String> currencies = new HashMap<>();
        try (Connection connection = connect()) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT DISTINCT ON (p->>'accountId') p->>'accountId', (p->'balances'->>'posted')::bigint
                    FROM (SELECT globalindex, convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                          WHERE payloadtype LIKE 'io.ledgerflow.events.account.%') e
                    WHERE p->'balances' IS NOT NULL AND p->>'accountId' IS NOT NULL
                    ORDER BY p->>'accountId', globalindex DESC""");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    posted.put(rows.getString(1), rows.getLong(2));
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT p->>'accountId', p->>'currency'
                    FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                          WHERE payloadtype = ?) e""")) {
                statement.setString(1, EVENTS + "account.AccountOpened");
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        currencies.put(rows.getString(1), rows.getString(2));
                        posted.putIfAbsent(rows.getString(1), 0L);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading balances from " + jdbcUrl + ": " + e.getMessage(), e);
        }
        posted.keySet().stream().filter(id -> id.startsWith(WORLD))
                .forEach(id -> currencies.putIfAbsent(id, settlementAccountOf(id).substring(WORLD.length())));
        return new Balances(posted, currencies);
    }

    /**
     * Per transfer id containing {@code fragment} (a run's id, so other runs' ids are left out), or with
     * {@code fragment} null every id that was applied more than once anywhere in the store.
     */
    public Map<String, TransferCount> transferCounts(String fragment) {
        String prefix = fragment;
        Map<String, TransferCount> counts = new HashMap<>();
        String sql = """
                SELECT p->>'transferId',
                       count(*) FILTER (WHERE payloadtype = ?), count(*) FILTER (WHERE payloadtype = ?),
                       count(*) FILTER (WHERE payloadtype = ?), count(*) FILTER (WHERE payloadtype = ?)
                FROM (SELECT payloadtype, convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                      WHERE payloadtype IN (?, ?, ?, ?)) e
                WHERE %s
                GROUP BY 1 %s""".formatted(prefix == null ? "TRUE" : "strpos(p->>'transferId', ?) > 0",
                prefix == null ? "HAVING count(*) FILTER (WHERE payloadtype = ?) > 1 OR count(*) FILTER (WHERE payloadtype = ?) > 1"
                        + " OR count(*) FILTER (WHERE payloadtype = ?) > 1" : "");
        List<String> types = List.of(EVENTS + "transfer.TransferPosted", EVENTS + "transfer.TransferRejected",
                EVENTS + "account.AccountDebited", EVENTS + "account.AccountCredited");
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (String type : types) {
                statement.setString(i++, type);
            }
            for (String type : types) {
                statement.setString(i++, type);
            }
            if (prefix != null) {
                statement.setString(i, prefix);
            } else {
                statement.setString(i++, types.get(0));
                statement.setString(i++, types.get(2));
                statement.setString(i, types.get(3));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), new TransferCount(rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting transfer events in " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** The query side once caught up (or when the time ran out): posted per account, accounts still behind, sums. */
    public record Projections(Map<String, Long> postedByAccount, List<String> behind, Map<String, Long> sumByCurrency,
                              Duration waited) {

        public boolean caughtUp() {
            return behind.isEmpty();
        }
    }

    /**
     * Polls the query side for every account of {@code expected} until each shows the expected posted balance,
     * or {@code timeout} has passed.
     */
    public static Projections projectionsCaughtUp(Targets targets, String viewerToken, Balances expected, Duration timeout) {
        LedgerClient client = new LedgerClient(targets, viewerToken);
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Map<String, Long> seen = new TreeMap<>();
        Map<String, Long> expectedPosted = expected.postedByApiAccount();
        List<String> behind = new ArrayList<>(expectedPosted.keySet());
        while (true) {
            List<String> stillBehind = new ArrayList<>();
            for (String account : behind) {
                LedgerClient.Response response = client.account(account, null);
                if (response.status() == 200) {
                    Json.longField(response.body(), "posted").ifPresent(posted -> seen.put(account, posted));
                }
                if (!expectedPosted.get(account).equals(seen.get(account))) {
                    stillBehind.add(account + (response.status() == 200 ? "" : " (HTTP " + response.status() + ")"));
                }
            }
            behind = stillBehind.stream().map(a -> a.split(" ")[0]).toList();
            if (behind.isEmpty() || Instant.now().isAfter(deadline)) {
                Map<String, Long> sums = new TreeMap<>();
                seen.forEach((account, posted) ->
                        sums.merge(account.startsWith(WORLD) ? account.substring(WORLD.length())
                                : expected.currencyByAccount().getOrDefault(account, "?"), posted, Math::addExact));
                return new Projections(seen, stillBehind, sums, Duration.between(start, Instant.now()));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** {@code @world:<CUR>} for any shard {@code @world:<CUR>:k} of it; any other id as it is. */
    static String settlementAccountOf(String accountId) {
        if (!accountId.startsWith(WORLD)) {
            return accountId;
        }
        int shardSeparator = accountId.indexOf(':', WORLD.length());
        return shardSeparator < 0 ? accountId : accountId.substring(0, shardSeparator);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Standalone: the event store's sums and the projections' agreement, for a stack after any load. */
    public static void main(String[] args) {
        LedgerAudit audit = fromSystemProperties();
        Balances balances = audit.eventStore();
        System.out.println("event store: " + balances.postedByAccount().size() + " accounts, sum of posted per currency "
                + balances.sumByCurrency());
        System.out.println("transfer ids applied more than once: " + audit.transferCounts(null));
        Targets targets = Targets.fromSystemProperties();
        Projections projections = projectionsCaughtUp(targets, Tokens.clientCredentials(targets.token(), "viewer"), balances,
                Duration.ofSeconds(Integer.getInteger("ledgerflow.bench.catch-up-seconds", 120)));
        System.out.println("projections: " + (projections.caughtUp() ? "caught up" : projections.behind().size() + " accounts behind "
                + projections.behind().stream().limit(10).toList()) + " after " + projections.waited().toSeconds()
                + " s, sum of posted per currency " + projections.sumByCurrency());
    }
}
