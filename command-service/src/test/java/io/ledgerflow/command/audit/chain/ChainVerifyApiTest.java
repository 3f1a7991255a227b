package io.ledgerflow.command.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.testkit.http.Api;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tamper tests: one payload byte changed in PostgreSQL, an event deleted, two events swapped, an event
 * slipped in: verify names the first broken position each time. Every tampering is undone afterwards.
 */
class ChainVerifyApiTest extends ChainTest {

    @Autowired
    ChainLinker chainLinker;
    @Autowired
    MeterRegistry meters;

    Api auditor;
    /** Account a's events: opened, credited, debited; b's: opened, credited. */
    List<Long> a;
    List<Long> b;

    @BeforeEach
    void linkedHistory() {
        auditor = anonymous.as(tokenFor("auditor"));
        String accountA = openAccount("USD");
        String accountB = openAccount("USD");
        deposit(accountA, unique("dep"), 1_000);
        transfer(unique("t"), accountA, accountB, 400, "USD");
        a = positionsOf("account/" + accountA);
        b = positionsOf("account/" + accountB);
        assertThat(a).hasSize(3);
        assertThat(b).hasSize(2);
        chainLinker.catchUp();
        assertThat(links.head().position()).isEqualTo(lastPosition());
    }

    @Test
    void an_untouched_store_verifies() {
        JsonNode verdict = verify("");

        assertThat(verdict.path("valid").asBoolean()).isTrue();
        assertThat(verdict.path("checked").asLong()).isEqualTo(storedLinks().size());
        assertThat(verdict.path("firstBrokenPosition").isNull()).isTrue();
        assertThat(verdict.path("headHash").asText()).isEqualTo(links.head().hash()).matches("[0-9a-f]{64}");

        JsonNode range = verify("?from=" + a.get(0) + "&to=" + b.get(1));
        assertThat(range.path("valid").asBoolean()).isTrue();
        assertThat(range.path("checked").asLong()).isEqualTo(b.get(1) - a.get(0) + 1);
    }

    @Test
    void a_payload_byte_changed_in_postgresql_breaks_the_chain_at_that_event() throws Exception {
        long credited = a.get(1);
        byte[] payload = payloadOf(credited);
        byte[] changed = payload.clone();
        int digit = firstDigit(changed);
        changed[digit] = (byte) (changed[digit] == '9' ? '8' : changed[digit] + 1);
        new ObjectMapper().readTree(changed); // still valid JSON: only the chain can tell

        JsonNode verdict = tampered(List.of(credited), () -> setPayload(credited, changed), "");

        assertBrokenAt(verdict, credited);
        assertThat(verdict.path("checked").asLong()).isEqualTo(storedLinks().headMap(credited).size());
        assertThat(verify("?from=" + (credited + 1)).path("valid").asBoolean())
                .as("the range after the change starts from the stored link, which is intact").isTrue();
        assertThat(verify("").path("valid").asBoolean()).as("restored").isTrue();
    }

    @Test
    void a_payload_byte_that_makes_the_json_invalid_is_reported_not_a_500() {
        long opened = b.get(0);
        byte[] changed = payloadOf(opened).clone();
        changed[0] = '#';

        assertBrokenAt(tampered(List.of(opened), () -> setPayload(opened, changed), ""), opened);
        assertBrokenAt(tampered(List.of(opened), () -> setPayload(opened, changed), "?from=" + opened + "&to=" + opened),
                opened);
    }

    @Test
    void a_deleted_event_breaks_the_chain_at_its_position() {
        long debited = a.get(2);

        JsonNode verdict = tampered(List.of(debited),
                () -> jdbc.update("delete from domainevententry where globalindex = ?", debited), "");

        assertBrokenAt(verdict, debited);
    }

    @Test
    void two_swapped_events_break_the_chain_at_the_first_of_them() {
        long first = a.get(0);
        long second = b.get(0);

        assertBrokenAt(tampered(List.of(first, second), () -> {
            byte[] one = payloadOf(first);
            setPayload(first, payloadOf(second));
            setPayload(second, one);
        }, ""), first);
        assertBrokenAt(tampered(List.of(first, second), () -> {
            jdbc.update("update domainevententry set globalindex = -1 where globalindex = ?", first);
            jdbc.update("update domainevententry set globalindex = ? where globalindex = ?", first, second);
            jdbc.update("update domainevententry set globalindex = ? where globalindex = -1", second);
        }, ""), first);
    }

    @Test
    void an_event_slipped_into_a_hole_the_chain_passed_is_reported() throws Exception {
        long hole = jdbc.queryForObject("select nextval('domainevententry_globalindex_seq')", Long.class);
        long after = insertCommittedEvent();
        ChainLinker linker = linker(Duration.ofMillis(50), 1000);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            linker.catchUp();
            return links.head().position() >= after;
        });

        JsonNode verdict = tampered(List.of(hole), () -> jdbc.update("insert into domainevententry (globalindex,"
                + " aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadrevision,"
                + " payloadtype, timestamp) select ?, 'account/slipped-in', 0, type, 'slipped-in', metadata, payload,"
                + " payloadrevision, payloadtype, timestamp from domainevententry where globalindex = ?", hole, after), "");

        assertBrokenAt(verdict, hole);
    }

    @Test
    void from_and_to_are_positions_with_from_not_above_to() {
        for (String query : List.of("?from=5&to=2", "?from=abc", "?from=0", "?to=-1", "?to=1.5",
                "?from=99999999999999999999", "?from=1&from=2", "?from=%2B5", "?to=%D9%A3")) {
            Api.Response response = auditor.get("/api/v1/audit/chain/verify" + query);
            assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("errors").get(0).path("field").asText()).isIn("from", "to");
        }
        JsonNode beyond = verify("?from=" + a.get(0) + "&to=" + (lastPosition() + 1_000));
        assertThat(beyond.path("valid").asBoolean()).isTrue();
        assertThat(beyond.path("checked").asLong()).isEqualTo(lastPosition() - a.get(0) + 1);
    }

    @Test
    void the_head_and_its_lag_are_reported_and_measured() throws SQLException {
        insertCommittedEvent();
        insertCommittedEvent();
        insertCommittedEvent();

        JsonNode head = auditor.get("/api/v1/audit/chain/head").json();

        assertThat(head.path("position").asLong()).isEqualTo(links.head().position()).isEqualTo(lastPosition() - 3);
        assertThat(head.path("hash").asText()).isEqualTo(links.head().hash());
        assertThat(head.path("lagEvents").asLong()).isEqualTo(3);
        assertThat(head.path("lagSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(meters.get("ledgerflow.audit.chain.lag.events").gauge().value()).isEqualTo(3);

        chainLinker.catchUp();

        JsonNode caughtUp = auditor.get("/api/v1/audit/chain/head").json();
        assertThat(caughtUp.path("position").asLong()).isEqualTo(lastPosition());
        assertThat(caughtUp.path("lagEvents").asLong()).isZero();
        assertThat(caughtUp.path("lagSeconds").asDouble()).isZero();
    }

    private JsonNode verify(String query) {
        Api.Response response = auditor.get("/api/v1/audit/chain/verify" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void assertBrokenAt(JsonNode verdict, long position) {
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isFalse();
        assertThat(verdict.path("firstBrokenPosition").asLong()).as(verdict.toString()).isEqualTo(position);
    }

    /** Verifies after {@code tamper}, then puts the rows at {@code positions} back as they were. */
    private JsonNode tampered(List<Long> positions, Runnable tamper, String query) {
        List<Map<String, Object>> backup = jdbc.queryForList(
                "select * from domainevententry where globalindex = any(?)", (Object) positions.toArray(Long[]::new));
        try {
            tamper.run();
            return verify(query);
        } finally {
            jdbc.update("delete from domainevententry where globalindex = any(?) or globalindex = -1",
                    (Object) positions.toArray(Long[]::new));
            for (Map<String, Object> row : backup) {
                String columns = String.join(", ", row.keySet());
                jdbc.update("insert into domainevententry (" + columns + ") values ("
                        + String.join(", ", row.keySet().stream().map(c -> "?").toList()) + ")", row.values().toArray());
            }
        }
    }

    private List<Long> positionsOf(String stream) {
        return jdbc.queryForList("select globalindex from domainevententry where aggregateidentifier = ?"
                + " order by sequencenumber", Long.class, stream);
    }

    private byte[] payloadOf(long position) {
        return jdbc.queryForObject("select payload from domainevententry where globalindex = ?", byte[].class, position);
    }

    private void setPayload(long position, byte[] payload) {
        jdbc.update("update domainevententry set payload = ? where globalindex = ?", payload, position);
    }

    private static int firstDigit(byte[] json) throws IOException {
        String text = new String(json, StandardCharsets.UTF_8);
        for (int i = 0; i < json.length; i++) {
            if (json[i] >= '0' && json[i] <= '9') {
                return i;
            }
        }
        throw new IOException("no digit in " + text);
    }
}
