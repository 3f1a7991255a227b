package io.ledgerflow.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.query.support.LedgerFixture;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.query.support.SseClient;
import io.ledgerflow.query.support.SseFrame;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stream over real HTTP, fed by the real topic: the shared context's fixture is published to it again (the
 * projections absorb the redelivery, and the listener streams every batch it projected), and subscribers connected
 * meanwhile receive it.
 */
class StreamApiTest extends QueryServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration PROJECTED = Duration.ofSeconds(30);

    private final List<SseClient> clients = new ArrayList<>();
    @Autowired
    LiveStream stream;

    /** The fixture's first publication is projected before it is streamed: it must not reach these subscribers. */
    @BeforeEach
    void theFixtureIsStreamed() {
        await().atMost(PROJECTED).until(() -> stream.published() >= LedgerFixture.events().size());
    }

    @AfterEach
    void hangUp() {
        clients.forEach(SseClient::close);
    }

    @Test
    void subscribers_receive_the_projected_events_in_order_with_ids_filtered_as_asked() {
        SseClient all = subscribe("/api/v1/stream", Map.of());
        SseClient bobs = subscribe("/api/v1/stream?accountId=" + BOB_ACCOUNT, Map.of());
        SseClient kinds = subscribe("/api/v1/stream?kind=" + query("TransferRejected,account"), Map.of());
        List<EventEnvelope> fixture = LedgerFixture.events();

        ledger().publish(fixture);

        await().atMost(PROJECTED).until(() -> all.events().size() == fixture.size());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("text/event-stream");
        assertThat(all.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value)
                .contains("no-store"));
        List<SseFrame> events = all.events();
        assertThat(events).extracting(this::positionOf).containsExactlyInAnyOrderElementsOf(
                fixture.stream().map(EventEnvelope::position).toList());
        assertThat(events).extracting(frame -> sequenceOf(frame.id())).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(frame -> frame.id().split("-")[0]).containsOnly(instanceOf(events.get(0)));
        assertThat(events).allSatisfy(frame -> assertThat(frame.event()).isEqualTo(data(frame).path("type").asText()));
        assertThat(fieldNames(data(events.get(0))))
                .containsExactly("type", "position", "sequence", "at", "accountIds", "transferId", "event");
        Map<String, Long> lastSequence = new HashMap<>();
        for (SseFrame frame : events) {
            JsonNode data = data(frame);
            String aggregate = data.path("event").has("accountId") && !data.path("event").has("terms")
                    ? "account/" + data.path("event").path("accountId").asText()
                    : "transfer/" + data.path("transferId").asText();
            long sequence = data.path("sequence").asLong();
            assertThat(sequence).as("one aggregate's events in order: " + aggregate)
                    .isGreaterThan(lastSequence.getOrDefault(aggregate, -1L));
            lastSequence.put(aggregate, sequence);
        }
        await().atMost(PROJECTED).untilAsserted(() -> {
            assertThat(bobs.events()).extracting(this::positionOf)
                    .containsExactlyInAnyOrderElementsOf(positions(fixture, this::namesBob));
            assertThat(kinds.events()).extracting(this::positionOf)
                    .containsExactlyInAnyOrderElementsOf(positions(fixture, envelope -> envelope.event()
                            instanceof AccountEvent || envelope.type().contains(".TransferRejected.")));
        });
    }

    @Test
    void a_reconnect_with_last_event_id_gets_exactly_the_missed_events_then_the_live_ones() {
        List<EventEnvelope> fixture = LedgerFixture.events();
        List<EventEnvelope> before = fixture.subList(0, 7);
        List<EventEnvelope> missed = fixture.subList(7, 12);
        List<EventEnvelope> after = fixture.subList(12, fixture.size());
        SseClient watcher = subscribe("/api/v1/stream", Map.of());
        SseClient first = subscribe("/api/v1/stream", Map.of());
        ledger().publish(before);
        await().atMost(PROJECTED).until(() -> first.events().size() == before.size());
        String lastEventId = first.events().get(before.size() - 1).id();
        first.close();

        ledger().publish(missed);
        await().atMost(PROJECTED).until(() -> watcher.events().size() == before.size() + missed.size());
        SseClient again = subscribe("/api/v1/stream", Map.of(StreamController.LAST_EVENT_ID, lastEventId));
        await().atMost(PROJECTED).until(() -> again.events().size() == missed.size());
        ledger().publish(after);

        await().atMost(PROJECTED).until(() -> again.events().size() >= missed.size() + after.size());
        List<SseFrame> resumed = again.events();
        assertThat(resumed).hasSize(missed.size() + after.size());
        assertThat(resumed.subList(0, missed.size())).as("replayed from the buffer: the very events missed")
                .extracting(SseFrame::id).containsExactlyElementsOf(watcher.events()
                        .subList(before.size(), before.size() + missed.size()).stream().map(SseFrame::id).toList());
        assertThat(resumed.subList(0, missed.size())).extracting(this::positionOf)
                .containsExactlyInAnyOrderElementsOf(positions(missed, envelope -> true));
        assertThat(resumed.subList(missed.size(), resumed.size())).extracting(this::positionOf)
                .containsExactlyInAnyOrderElementsOf(positions(after, envelope -> true));
        assertThat(resumed).extracting(SseFrame::event).doesNotContain("reset");
        assertThat(resumed).extracting(frame -> sequenceOf(frame.id())).isSorted().doesNotHaveDuplicates()
                .allSatisfy(sequence -> assertThat(sequence).isGreaterThan(sequenceOf(lastEventId)));
    }

    @Test
    void an_id_from_another_instance_or_run_gets_a_reset_first_then_the_live_events() {
        SseClient client = subscribe("/api/v1/stream?kind=AccountOpened",
                Map.of(StreamController.LAST_EVENT_ID, "elsewhere-42"));
        await().atMost(PROJECTED).until(() -> !client.events().isEmpty());
        SseFrame reset = client.events().get(0);
        assertThat(reset.event()).isEqualTo("reset");
        assertThat(data(reset).path("reason").asText()).contains("unknown");

        ledger().publish(LedgerFixture.events().subList(0, 1));

        await().atMost(PROJECTED).until(() -> client.events().size() == 2);
        assertThat(client.events().get(1).event()).isEqualTo("AccountOpened");
        assertThat(sequenceOf(client.events().get(1).id())).isGreaterThan(sequenceOf(reset.id()));
    }

    @Test
    void an_unknown_kind_or_a_malformed_account_id_is_refused_before_the_stream_starts() {
        Api viewer = as("viewer");

        for (String query : List.of("kind=Bogus", "kind=" + query("transfer,"), "kind=" + query("$where"),
                "accountId=" + query("a/b"), "accountId=" + query("{\"$ne\":null}"))) {
            Api.Response response = viewer.get("/api/v1/stream?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("errors").get(0).path("field").asText())
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void a_head_request_answers_the_headers_without_holding_a_subscription() {
        int before = stream.subscriberCount();

        Api.Response head = as("operator").call("HEAD", "/api/v1/stream?kind=transfer", null, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentType()).startsWith("text/event-stream");
        assertThat(stream.subscriberCount()).isEqualTo(before);
    }

    /** Every other read answered such an Accept with 406; the stream answered with a stream (a probe's finding). */
    @Test
    void a_stream_asked_for_with_an_accept_that_excludes_it_is_406_before_it_starts() throws Exception {
        int before = stream.subscriberCount();

        for (String accept : List.of("application/xml", "application/json", "text/event-stream;q=0, */*",
                "text/*;q=0")) {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port() + "/api/v1/stream"))
                    .header("Authorization", "Bearer " + token("viewer")).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertThat(response.statusCode()).as(accept).isEqualTo(406);
                assertThat(Api.problemCode(new String(body.readAllBytes(), StandardCharsets.UTF_8)))
                        .isEqualTo("NOT_ACCEPTABLE");
            }
        }

        assertThat(as("viewer").with("Accept", "text/*").call("HEAD", "/api/v1/stream", null, null).status())
                .isEqualTo(200);
        // an error keeps its status whatever Accept says: the request's own checks come first
        Api.Response invalid = as("viewer").with("Accept", "application/xml").get("/api/v1/stream?kind=Bogus");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(stream.subscriberCount()).isEqualTo(before);
    }

    private SseClient subscribe(String path, Map<String, String> headers) {
        SseClient client = SseClient.open(port(), path, token("viewer"), headers);
        clients.add(client);
        assertThat(client.status()).as(client.text()).isEqualTo(200);
        // the opening block arrives at once: the subscription is in place before anything is published
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.frames().isEmpty());
        return client;
    }

    private boolean namesBob(EventEnvelope envelope) {
        if (envelope.event() instanceof AccountEvent account) {
            return account.accountId().equals(BOB_ACCOUNT);
        }
        TransferEvent transfer = (TransferEvent) envelope.event();
        return transfer.terms().debitAccountId().equals(BOB_ACCOUNT)
                || transfer.terms().creditAccountId().equals(BOB_ACCOUNT);
    }

    private static List<Long> positions(List<EventEnvelope> events, Predicate<EventEnvelope> filter) {
        return events.stream().filter(filter).map(EventEnvelope::position).toList();
    }

    private long positionOf(SseFrame frame) {
        return data(frame).path("position").asLong();
    }

    private static long sequenceOf(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    private static String instanceOf(SseFrame frame) {
        return frame.id().split("-")[0];
    }

    private static JsonNode data(SseFrame frame) {
        try {
            return JSON.readTree(frame.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
