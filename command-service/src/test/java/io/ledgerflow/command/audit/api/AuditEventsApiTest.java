package io.ledgerflow.command.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.command.audit.AuditApiTest;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.audit.HashChain;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventsApiTest extends AuditApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DataSource dataSource;
    @Autowired
    LinkedEvents linkedEvents;

    @Test
    void pages_through_the_linked_events_in_global_order_each_with_the_link_the_chain_stored() throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 1_000).status()).isEqualTo(201);
        assertThat(transfer(unique("t"), a, b, 300, "USD").status()).isEqualTo(201);
        List<Long> mine = new ArrayList<>(positions(history("accounts", a)));
        mine.addAll(positions(history("accounts", b)));
        long first = mine.stream().min(Long::compare).orElseThrow();
        long last = mine.stream().max(Long::compare).orElseThrow();
        awaitLinked(last);

        List<AuditedEvent> read = new ArrayList<>();
        String after = String.valueOf(first - 1);
        while (after != null && (read.isEmpty() || read.get(read.size() - 1).position() < last)) {
            Api.Response page = auditor().get("/api/v1/audit/events?after=" + after + "&limit=2");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode items = page.json().path("items");
            assertThat(items.size()).isBetween(1, 2);
            JsonNode nextCursor = page.json().path("nextCursor");
            if (items.size() == 2) {
                assertThat(nextCursor.asText()).isEqualTo(items.get(1).path("position").asText());
            } else {
                assertThat(nextCursor.isNull()).isTrue();
            }
            for (JsonNode item : items) {
                read.add(JSON.treeToValue(item, AuditedEvent.class));
            }
            after = nextCursor.isNull() ? null : nextCursor.asText();
        }

        assertThat(read.stream().map(AuditedEvent::position).toList()).containsAll(mine).isSorted()
                .doesNotHaveDuplicates().allMatch(position -> position > first - 1);
        for (int i = 0; i < read.size(); i++) {
            AuditedEvent event = read.get(i);
            assertThat(event.hash()).isEqualTo(links.at(event.position()).orElseThrow());
            if (i > 0) {
                assertThat(HashChain.link(read.get(i - 1).hash(), event)).as("link at %d", event.position())
                        .isEqualTo(event.hash());
            }
        }
    }

    @Test
    void an_event_the_chain_has_not_linked_is_not_served_yet_and_its_history_shows_no_hash() throws Exception {
        String a = openAccount("USD");
        long opened = positions(history("accounts", a)).get(0);
        awaitLinked(opened);
        long deposited;
        try (Connection chainLock = dataSource.getConnection()) {
            // the linker only ever tries this lock: while a test holds it, nothing new is linked
            chainLock.setAutoCommit(false);
            try (Statement statement = chainLock.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + 0x4c46 + ", 1)");
            }
            assertThat(deposit(a, unique("dep"), 500).status()).isEqualTo(201);
            JsonNode deposit = history("accounts", a).get(1);
            deposited = deposit.path("position").asLong();
            assertThat(deposit.path("hash").isNull()).as(deposit.toString()).isTrue();

            JsonNode page = auditor().get("/api/v1/audit/events?after=" + (opened - 1) + "&limit=1000").json();
            assertThat(positions(page.path("items"))).contains(opened).doesNotContain(deposited)
                    .allMatch(position -> position <= links.head().position());
            assertThat(exportLines(opened - 1, null)).extracting(line -> line.path("position").asLong())
                    .doesNotContain(deposited);
            chainLock.rollback();
        }
        awaitLinked(deposited);

        JsonNode page = auditor().get("/api/v1/audit/events?after=" + (deposited - 1) + "&limit=1").json();
        assertThat(page.path("items").get(0).path("position").asLong()).isEqualTo(deposited);
        assertThat(page.path("items").get(0).path("hash").asText()).isEqualTo(links.at(deposited).orElseThrow());
        assertThat(history("accounts", a).get(1).path("hash").asText()).isEqualTo(links.at(deposited).orElseThrow());
    }

    @Test
    void the_ndjson_export_carries_what_the_pages_carry_one_event_per_line() throws Exception {
        String a = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 700).status()).isEqualTo(201);
        long first = positions(history("accounts", a)).get(0);
        awaitLinked(positions(history("accounts", a)).get(1));

        JsonNode page = auditor().get("/api/v1/audit/events?after=" + (first - 1) + "&limit=5").json().path("items");
        List<JsonNode> lines = exportLines(first - 1, 5);

        assertThat(lines).hasSize(page.size()).containsExactlyElementsOf(page);
        assertThat(exportLines(999_999_999_999_999_999L, null)).isEmpty();
        Api.Response json = auditor().with("Accept", "application/json").get("/api/v1/audit/events?limit=1");
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.json().path("items").size()).isEqualTo(1);
    }

    @Test
    void the_export_writes_each_chunk_after_its_transaction_ended_so_a_slow_reader_holds_no_session()
            throws Exception {
        String from = openAccount("USD");
        String to = openAccount("USD");
        assertThat(deposit(from, unique("dep"), 1_000).status()).isEqualTo(201);
        long first = positions(history("accounts", from)).get(0);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            items.add("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":1,\"currency\":\"USD\"}"
                    .formatted(unique("bt"), from, to));
        }
        assertThat(api.post("/api/v1/transfers/batch", "{\"transfers\":[" + String.join(",", items) + "]}").status())
                .isEqualTo(201);
        awaitLinked(jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class));
        int exported = 2 * LinkedEvents.EXPORT_CHUNK + 7;
        List<Long> positions = new ArrayList<>();
        List<Boolean> inTransaction = new ArrayList<>();

        linkedEvents.export(first - 1, exported, event -> {
            positions.add(event.position());
            inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
        });

        assertThat(positions).hasSize(exported).isSorted().doesNotHaveDuplicates();
        assertThat(positions.get(0)).isEqualTo(first);
        assertThat(inTransaction).containsOnly(false);
        List<Long> paged = new ArrayList<>();
        for (long after = first - 1; paged.size() < exported; after = paged.get(paged.size() - 1)) {
            linkedEvents.page(after, Math.min(500, exported - paged.size())).forEach(event -> paged.add(event.position()));
        }
        assertThat(positions).isEqualTo(paged);
    }

    @Test
    void after_the_last_position_the_page_is_empty_and_has_no_cursor() {
        JsonNode page = auditor().get("/api/v1/audit/events?after=999999999999999999").json();

        assertThat(page.path("items").size()).isZero();
        assertThat(page.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void invalid_positions_and_limits_are_400_listing_every_invalid_parameter() {
        for (String query : List.of("after=-1", "after=abc", "after=1.5", "after=99999999999999999999", "after=%201",
                "after=%EF%BC%91", "limit=0", "limit=1001", "limit=-5", "limit=x", "limit=2147483648")) {
            Api.Response response = auditor().get("/api/v1/audit/events?" + query);
            assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(query.split("=")[0]);
        }
        Api.Response both = auditor().get("/api/v1/audit/events?after=-1&limit=0");
        assertThat(both.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("after", "limit");
        Api.Response export = auditor().with("Accept", "application/x-ndjson").get("/api/v1/audit/events?limit=0");
        assertThat(export.status()).isEqualTo(400);
        assertThat(export.code()).isEqualTo("VALIDATION_FAILED");
    }

    private List<JsonNode> exportLines(long after, Integer limit) throws Exception {
        Api.Response response = auditor().with("Accept", "application/x-ndjson")
                .get("/api/v1/audit/events?after=" + after + (limit == null ? "" : "&limit=" + limit));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(response.body().isEmpty() || response.body().endsWith("\n")).isTrue();
        return lines;
    }

    private static List<Long> positions(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("position").asLong()).toList();
    }
}
