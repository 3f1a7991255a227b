package io.ledgerflow.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements PostgreSQL logs with {@code log_statement = all} and the default {@code log_line_prefix}
 * ({@code '%m [%p] '}): {@code <date> <time> <zone> [<pid>] LOG:  statement: <sql>} (simple protocol) or
 * {@code ... LOG:  execute <name>: <sql>} (extended protocol, e.g. JDBC prepared statements), each maybe followed by
 * {@code ... [<pid>] DETAIL:  parameters: $1 = '...', ...}. Other lines are ignored.
 */
public final class StatementLog {

    private static final Pattern LINE = Pattern.compile("^\\S+ \\S+ \\S+ \\[(\\d+)\\] (LOG|DETAIL):  (.*)$");
    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:]*): (.*)$");

    /** One statement a backend ran, with its parameters as logged (empty if none). */
    public record Statement(long pid, String sql, String parameters) {

        /**
         * What the statement does, for counting: lock, snapshot read, event read, event insert, begin, commit, catalog
         * (the JDBC driver's type lookups, once per connection and type: not part of the transfer's work), other.
         */
        public String kind() {
            String text = sql.trim().toLowerCase(Locale.ROOT);
            if (text.contains("pg_catalog.")) {
                return CATALOG;
            }
            if (text.contains("pg_advisory_xact_lock")) {
                return "lock";
            }
            if (text.startsWith("select") && text.contains("from snapshotevententry")) {
                return "snapshot-read";
            }
            if (text.startsWith("select") && text.contains("from domainevententry where aggregateidentifier")) {
                return "event-read";
            }
            if (text.startsWith("insert into domainevententry")) {
                return "event-insert";
            }
            if (text.equals("begin")) {
                return "begin";
            }
            if (text.equals("commit")) {
                return "commit";
            }
            return "other";
        }
    }

    static final String CATALOG = "catalog";

    private StatementLog() {
    }

    public static List<Statement> parse(List<String> lines) {
        List<Statement> statements = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            long pid = Long.parseLong(matcher.group(1));
            String message = matcher.group(3);
            if ("LOG".equals(matcher.group(2))) {
                Matcher statement = STATEMENT.matcher(message);
                if (statement.matches()) {
                    statements.add(new Statement(pid, statement.group(1), ""));
                }
            } else if (message.startsWith("parameters: ")) {
                for (int i = statements.size() - 1; i >= 0; i--) {
                    Statement last = statements.get(i);
                    if (last.pid() == pid) {
                        statements.set(i, new Statement(pid, last.sql(), message.substring("parameters: ".length())));
                        break;
                    }
                }
            }
        }
        return statements;
    }

    /**
     * The transaction in which a backend first named {@code marker} in a statement's parameters (e.g.
     * {@code 'transfer/t-1'}): that backend's statements from the BEGIN before it to the COMMIT (or ROLLBACK) after it.
     */
    public static Optional<List<Statement>> transactionNaming(List<Statement> statements, String marker) {
        int first = -1;
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).parameters().contains(marker)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        long pid = statements.get(first).pid();
        int begin = first;
        for (int i = first; i >= 0; i--) {
            Statement statement = statements.get(i);
            if (statement.pid() == pid && "begin".equals(statement.kind())) {
                begin = i;
                break;
            }
        }
        List<Statement> transaction = new ArrayList<>();
        for (int i = begin; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (statement.pid() != pid) {
                continue;
            }
            transaction.add(statement);
            String text = statement.sql().trim().toLowerCase(Locale.ROOT);
            if (i > first && (text.equals("commit") || text.equals("rollback"))) {
                break;
            }
        }
        return Optional.of(transaction);
    }

    /**
     * How many statements of each kind, in the order they first occur, with {@code total}: all but the driver's
     * catalog lookups (a fresh connection's first use of a type), which are counted apart.
     */
    public static Map<String, Integer> countByKind(List<Statement> statements) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("total", (int) statements.stream().filter(s -> !CATALOG.equals(s.kind())).count());
        statements.forEach(statement -> counts.merge(statement.kind(), 1, Integer::sum));
        return counts;
    }
}
