package io.ledgerflow.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over the shared fixture (see {@code LedgerFixture}): four posted transfers in USD (a 10,000 deposit,
 * 2,500, 500 and a 100 withdrawal) and a rejected one, all in the minute from 10:00 on 2026-11-29; three open
 * accounts besides {@code @world:USD}. Holds, redelivery and rebuilds: {@code RedeliveryAndReplayTest} and
 * {@link DashboardCountingProperties}.
 */
class DashboardApiTest extends QueryServiceTest {

    private Api viewer;

    @BeforeEach
    void caller() {
        viewer = as("viewer");
    }

    @Test
    void totals_sum_the_transfers_per_currency_and_count_accounts_without_the_settlement_account() {
        Api.Response response = viewer.get("/api/v1/dashboard/totals");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        // the newest event reflected: carol's withdrawal leg (the settlement account's leg after it is not counted)
        assertThat(response.json().toString()).isEqualTo("{\"currencies\":[{\"currency\":\"USD\",\"posted\":13100,"
                + "\"pending\":0,\"transfers\":{\"POSTED\":4,\"PENDING\":0,\"REJECTED\":1,\"VOIDED\":0,\"EXPIRED\":0},"
                + "\"accounts\":{\"OPEN\":3,\"FROZEN\":0,\"CLOSED\":0}}],\"asOf\":\"2026-11-29T10:00:16Z\"}");
    }

    @Test
    void volume_lists_every_bucket_of_the_range_widened_to_whole_buckets() {
        JsonNode minutes = ok("/api/v1/dashboard/volume?currency=USD&bucket=minute"
                + "&from=2026-11-29T09:58:30Z&to=2026-11-29T10:01:10Z");

        assertThat(minutes.toString()).isEqualTo("{\"currency\":\"USD\",\"bucket\":\"minute\","
                + "\"from\":\"2026-11-29T09:58:00Z\",\"to\":\"2026-11-29T10:02:00Z\",\"items\":["
                + "{\"start\":\"2026-11-29T09:58:00Z\",\"count\":0,\"volume\":0},"
                + "{\"start\":\"2026-11-29T09:59:00Z\",\"count\":0,\"volume\":0},"
                + "{\"start\":\"2026-11-29T10:00:00Z\",\"count\":4,\"volume\":13100},"
                + "{\"start\":\"2026-11-29T10:01:00Z\",\"count\":0,\"volume\":0}]}");
        assertThat(series(ok("/api/v1/dashboard/volume?currency=USD&bucket=hour&from=2026-11-29T09:00:00Z"
                + "&to=2026-11-29T11:00:00Z"))).containsExactly(Map.entry("2026-11-29T09:00:00Z", 0L),
                Map.entry("2026-11-29T10:00:00Z", 13_100L));
        assertThat(series(ok("/api/v1/dashboard/volume?currency=USD&bucket=day&from=2026-11-28T12:00:00%2B02:00"
                + "&to=2026-11-30T00:00:00Z"))).containsExactly(Map.entry("2026-11-28T00:00:00Z", 0L),
                Map.entry("2026-11-29T00:00:00Z", 13_100L));
        assertThat(series(ok("/api/v1/dashboard/volume?currency=EUR&bucket=day&from=2026-11-29T00:00:00Z"
                + "&to=2026-11-30T00:00:00Z"))).containsExactly(Map.entry("2026-11-29T00:00:00Z", 0L));
    }

    @Test
    void volume_defaults_to_the_sixty_buckets_up_to_the_current_one_and_allows_1440() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonNode hours = ok("/api/v1/dashboard/volume?currency=USD&bucket=hour");
        Instant after = Instant.now().truncatedTo(ChronoUnit.HOURS);

        List<JsonNode> items = items(hours);
        assertThat(items).hasSize(60);
        Instant last = Instant.parse(items.get(59).get("start").asText());
        assertThat(last).isBetween(before, after);
        assertThat(Instant.parse(hours.get("to").asText())).isEqualTo(last.plus(1, ChronoUnit.HOURS));
        assertThat(items(ok("/api/v1/dashboard/volume?currency=USD&bucket=minute&to=2026-11-29T10:00:00Z")))
                .hasSize(60).last().satisfies(item -> assertThat(item.get("start").asText())
                        .isEqualTo("2026-11-29T09:59:00Z"));
        assertThat(items(ok("/api/v1/dashboard/volume?currency=USD&bucket=minute&from=2026-11-29T00:00:00Z"
                + "&to=2026-11-30T00:00:00Z"))).hasSize(1_440);
    }

    @Test
    void invalid_volume_requests_are_400_naming_every_invalid_parameter() {
        assertInvalid("/api/v1/dashboard/volume", "currency", "bucket");
        assertInvalid("/api/v1/dashboard/volume?currency=usd&bucket=week", "currency", "bucket");
        assertInvalid("/api/v1/dashboard/volume?currency=XYZ&bucket=MINUTE", "currency", "bucket");
        assertInvalid("/api/v1/dashboard/volume?currency=USD&bucket=hour&from=yesterday&to=2026-11-31T00:00:00Z",
                "from", "to");
        assertInvalid("/api/v1/dashboard/volume?currency=USD&bucket=hour&from=2026-11-29T10:00:00Z"
                + "&to=2026-11-29T09:00:00Z", "from");
        assertInvalid("/api/v1/dashboard/volume?currency=USD&bucket=minute&from=2026-11-29T00:00:00Z"
                + "&to=2026-11-30T00:00:01Z", "from");
        assertInvalid("/api/v1/dashboard/volume?currency=USD&bucket=day&from=2000-01-01T00:00:00Z", "from");
        assertInvalid("/api/v1/dashboard/volume?currency=USD&bucket=day&from=+999999999-12-31T23:59:59Z", "from");
        // a to that its bucket's end would carry into the year 10000, which no response may name
        assertInvalid("/api/v1/dashboard/volume?currency=USD&bucket=day&to=9999-12-31T23:59:30Z", "to");
        assertThat(ok("/api/v1/dashboard/volume?currency=USD&bucket=day&to=9999-12-31T00:00:00Z").path("to").asText())
                .isEqualTo("9999-12-31T00:00:00Z");
    }

    private JsonNode ok(String path) {
        Api.Response response = viewer.get(path);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
        return response.json();
    }

    private void assertInvalid(String path, String... fields) {
        Api.Response response = viewer.get(path);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("errors").findValuesAsText("field")).as(path)
                .containsExactlyInAnyOrder(fields);
    }

    private static List<JsonNode> items(JsonNode series) {
        List<JsonNode> items = new ArrayList<>();
        series.get("items").forEach(items::add);
        return items;
    }

    /** Bucket start → volume, checking that each bucket's count is 4 where its volume is the fixture's. */
    private static List<Map.Entry<String, Long>> series(JsonNode series) {
        return items(series).stream().map(item -> {
            assertThat(item.get("count").asLong()).isEqualTo(item.get("volume").asLong() == 0 ? 0 : 4);
            return Map.entry(item.get("start").asText(), item.get("volume").asLong());
        }).toList();
    }
}
