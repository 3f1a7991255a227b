package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ledger as command-service's event store holds it, read straight from PostgreSQL (Axon's
 * {@code domainevententry}, JSON payloads in {@code bytea}): each transfer stream's events, each posting leg, and
 * each account's balances after its newest event. The source of truth the projections are compared with.
 * <p>
 * A settlement account is read as the query side answers it: its shards ({@code @world:<CUR>:k}) summed into
 * {@code @world:<CUR>}, versions included; each leg names the account it counts for.
 */
final class EventStoreLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT_STREAM = "account/";
    private static final String TRANSFER_STREAM = "transfer/";

    /** One event of a transfer stream: its payload type's simple name and its payload. */
    record TransferEvent(String type, JsonNode payload) {
    }

    /**
     * A posting: {@code AccountDebited} (DEBIT) or {@code AccountCredited} (CREDIT) of one transfer on one account (a
     * settlement shard's leg: on its settlement account), and the balance of the stream it was posted to after it.
     */
    record Leg(String accountId, String kind, long amount, long postedAfter) {
    }

    /**
     * @param version the account's newest aggregate sequence + 1, what the projection calls {@code version} (for a
     *                settlement account, its shards' summed)
     */
    record AccountState(long posted, long pendingDebits, long pendingCredits, long version) {
    }

    final Map<String, List<TransferEvent>> transferStreams = new HashMap<>();
    final Map<String, List<Leg>> legsByTransfer = new HashMap<>();
    final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, AccountState> streams = new HashMap<>();
    int events;

    private EventStoreLedger() {
    }

    static EventStoreLedger read(String jdbcUrl, String user, String password) {
        EventStoreLedger ledger = new EventStoreLedger();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.setFetchSize(1_000);
            connection.setAutoCommit(false); // a cursor, not the whole result in memory at once
            try (ResultSet rows = statement.executeQuery(
                    "select aggregateidentifier, sequencenumber, payloadtype, payload from domainevententry order by globalindex")) {
                while (rows.next()) {
                    ledger.add(rows.getString(1), rows.getLong(2), rows.getString(3),
                            new String(rows.getBytes(4), StandardCharsets.UTF_8));
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store at " + jdbcUrl, e);
        }
        ledger.streams.forEach((accountId, state) -> ledger.accounts.merge(settlementAccountOf(accountId), state,
                (a, b) -> new AccountState(a.posted() + b.posted(), a.pendingDebits() + b.pendingDebits(),
                        a.pendingCredits() + b.pendingCredits(), a.version() + b.version())));
        return ledger;
    }

    private void add(String streamId, long sequence, String payloadType, String payloadJson) {
        events++;
        String type = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        JsonNode payload = parse(payloadJson);
        if (streamId.startsWith(TRANSFER_STREAM)) {
            transferStreams.computeIfAbsent(streamId.substring(TRANSFER_STREAM.length()), id -> new ArrayList<>())
                    .add(new TransferEvent(type, payload));
            return;
        }
        if (!streamId.startsWith(ACCOUNT_STREAM)) {
            throw new IllegalStateException("a stream of neither kind: " + streamId);
        }
        String accountId = streamId.substring(ACCOUNT_STREAM.length());
        AccountState before = streams.getOrDefault(accountId, new AccountState(0, 0, 0, 0));
        JsonNode balances = payload.path("balances");
        AccountState after = balances.isMissingNode()
                ? new AccountState(before.posted(), before.pendingDebits(), before.pendingCredits(), sequence + 1)
                : new AccountState(balances.path("posted").asLong(), balances.path("pendingDebits").asLong(),
                        balances.path("pendingCredits").asLong(), sequence + 1);
        streams.put(accountId, after);
        if (type.equals("AccountDebited") || type.equals("AccountCredited")) {
            legsByTransfer.computeIfAbsent(payload.path("transferId").asText(), id -> new ArrayList<>()).add(new Leg(
                    settlementAccountOf(accountId), type.equals("AccountDebited") ? "DEBIT" : "CREDIT", payload.path("amount").asLong(),
                    after.posted()));
        }
    }

    /** {@code @world:<CUR>} for its shard {@code @world:<CUR>:k}; any other account id as it is. */
    static String settlementAccountOf(String accountId) {
        if (!accountId.startsWith("@world:")) {
            return accountId;
        }
        int shardSeparator = accountId.indexOf(':', "@world:".length());
        return shardSeparator < 0 ? accountId : accountId.substring(0, shardSeparator);
    }

    List<Leg> legsOf(String transferId) {
        return legsByTransfer.getOrDefault(transferId, List.of());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("an event payload that is not JSON: " + json, e);
        }
    }
}
