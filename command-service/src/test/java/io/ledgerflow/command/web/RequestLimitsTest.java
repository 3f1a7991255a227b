package io.ledgerflow.command.web;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLimitsTest extends CommandServiceTest {

    private static final String TEN_MEGABYTES = "{\"id\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

    @Test
    void a_body_over_the_limit_is_413_before_it_is_parsed() {
        long events = storedEvents();

        Api.Response response = api.post("/api/v1/transfers", TEN_MEGABYTES);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(storedEvents()).isEqualTo(events);
    }

    /**
     * The 413 goes out before the body is read. A client that writes its whole request before it reads (as this raw
     * one does) must still get it: the service reads and drops the rest of the body, rather than closing the
     * connection under the client, whose network stack would then drop the unread 413 on the reset.
     */
    @Test
    void a_client_that_sends_a_whole_refused_body_before_reading_still_gets_the_413() throws Exception {
        String thirtyTwoMegabytes = "{\"id\":\"" + "x".repeat(32 * 1024 * 1024) + "\"}";

        String response = RawHttp.post(baseUrl(), "/api/v1/transfers", "Bearer " + tokenFor("alice"),
                thirtyTwoMegabytes);

        assertThat(response).startsWith("HTTP/1.1 413 ").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    /** Without a Content-Length the body is counted as it is parsed: still 413, not unreadable JSON. */
    @Test
    void a_chunked_body_over_the_limit_is_413_too_for_a_transfer_and_a_batch() throws Exception {
        long events = storedEvents();
        String transfer = "{\"id\":\"t-big\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amount\":1,"
                + "\"currency\":\"USD\",\"reference\":\"" + "r".repeat(1_500_000) + "\"}";
        StringBuilder batch = new StringBuilder("{\"transfers\":[");
        for (int i = 0; i < 1_000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"id\":\"t-").append(i).append("\",\"debitAccountId\":\"a\","
                    + "\"creditAccountId\":\"b\",\"amount\":1,\"currency\":\"USD\",\"reference\":\"")
                    .append("r".repeat(1_500)).append("\"}");
        }
        batch.append("]}");

        for (String[] request : new String[][]{{"/api/v1/transfers", transfer},
                {"/api/v1/transfers/batch", batch.toString()}}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(baseUrl() + request[0]))
                    .header("Authorization", "Bearer " + tokenFor("alice"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                            new ByteArrayInputStream(request[1].getBytes(StandardCharsets.UTF_8))))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(request[0] + ": " + response.body()).isEqualTo(413);
            assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void too_many_metadata_entries_and_long_strings_are_400() {
        StringBuilder metadata = new StringBuilder("{");
        for (int i = 0; i < 33; i++) {
            metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        metadata.append("}");
        Api.Response tooMany = api.post("/api/v1/accounts",
                "{\"id\":\"m-1\",\"currency\":\"USD\",\"metadata\":" + metadata + "}");
        Api.Response longReference = anonymous.as(tokenFor("operator")).post("/api/v1/accounts/a/deposits",
                "{\"id\":\"m-2\",\"amount\":1,\"reference\":\"" + "r".repeat(257) + "\"}");
        Api.Response longId = api.post("/api/v1/accounts", "{\"id\":\"" + "i".repeat(65) + "\",\"currency\":\"USD\"}");

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("errors").findValuesAsText("field")).containsExactly("metadata");
        assertThat(longReference.status()).isEqualTo(400);
        assertThat(longId.status()).isEqualTo(400);
    }

    /**
     * The published schema's maxLength counts characters (code points), as JSON Schema does; the checks counted UTF-16
     * units, so 129 emoji in a reference, valid by the schema's 256, were refused (a probe's finding).
     */
    @Test
    void lengths_are_counted_in_characters_as_the_schema_counts_them() {
        String emoji = "\uD83D\uDE00";
        String account = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator"));

        Api.Response longest = operator.post("/api/v1/accounts/" + account + "/deposits", "{\"id\":\"" + unique("m")
                + "\",\"amount\":1,\"reference\":\"" + emoji.repeat(256) + "\",\"metadata\":{\""
                + emoji.repeat(64) + "\":\"" + emoji.repeat(512) + "\"}}");
        Api.Response longReference = operator.post("/api/v1/accounts/" + account + "/deposits",
                "{\"id\":\"" + unique("m") + "\",\"amount\":1,\"reference\":\"" + emoji.repeat(257) + "\"}");
        Api.Response longKey = operator.post("/api/v1/accounts/" + account + "/deposits", "{\"id\":\"" + unique("m")
                + "\",\"amount\":1,\"metadata\":{\"" + emoji.repeat(65) + "\":\"v\"}}");

        assertThat(longest.status()).as(longest.body()).isEqualTo(201);
        assertThat(longest.json().path("reference").asText()).isEqualTo(emoji.repeat(256));
        assertThat(longReference.status()).isEqualTo(400);
        assertThat(longReference.json().get("errors").findValuesAsText("field")).containsExactly("reference");
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.json().get("errors").findValuesAsText("field")).containsExactly("metadata");
    }

    /** api.md names a nested field by its path, `metadata.k`; a value too long was named `metadata` only. */
    @Test
    void a_metadata_value_too_long_is_named_by_its_key_in_a_command_and_in_a_batch_item() {
        String account = openAccount("USD");
        String other = openAccount("USD");
        String metadata = "{\"fine\":\"v\",\"note\":\"" + "v".repeat(513) + "\"}";

        Api.Response single = api.post("/api/v1/transfers", "{\"id\":\"" + unique("m") + "\",\"debitAccountId\":\""
                + account + "\",\"creditAccountId\":\"" + other + "\",\"amount\":1,\"currency\":\"USD\","
                + "\"metadata\":" + metadata + "}");
        Api.Response batch = api.post("/api/v1/transfers/batch", "{\"transfers\":[{\"id\":\"" + unique("m")
                + "\",\"debitAccountId\":\"" + account + "\",\"creditAccountId\":\"" + other
                + "\",\"amount\":1,\"currency\":\"USD\",\"metadata\":" + metadata + "}]}");

        assertThat(single.status()).as(single.body()).isEqualTo(400);
        assertThat(single.json().get("errors").findValuesAsText("field")).containsExactly("metadata.note");
        assertThat(batch.status()).as(batch.body()).isEqualTo(400);
        assertThat(batch.json().get("errors").findValuesAsText("field")).containsExactly("transfers[0].metadata.note");
        assertThat(posted(account)).isZero();
    }

    /** A null value is not a string: said so, not that it is too long or unprintable. */
    @Test
    void a_null_metadata_value_is_named_by_its_key_as_not_a_string() {
        String account = openAccount("USD");
        String other = openAccount("USD");

        Api.Response refused = api.post("/api/v1/transfers", "{\"id\":\"" + unique("m") + "\",\"debitAccountId\":\""
                + account + "\",\"creditAccountId\":\"" + other + "\",\"amount\":1,\"currency\":\"USD\","
                + "\"metadata\":{\"fine\":\"v\",\"k\":null}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors")).hasSize(1);
        assertThat(refused.json().get("errors").get(0).path("field").asText()).isEqualTo("metadata.k");
        assertThat(refused.json().get("errors").get(0).path("message").asText()).isEqualTo("must be a string");
    }

    /**
     * The limits in characters let 4-byte characters make metadata four times as large as ASCII at the same limits;
     * in all it may take what 32 entries of ASCII at their longest take, 18,432 bytes of UTF-8.
     */
    @Test
    void metadata_takes_at_most_18432_bytes_of_utf_8_in_all_whatever_its_characters() {
        String account = openAccount("USD");
        String other = openAccount("USD");
        String emoji = "\uD83D\uDE00";
        deposit(account, unique("dep"), 100);

        Api.Response ascii = transferWithMetadata(account, other, 32, "k".repeat(62), "v".repeat(512));
        Api.Response fourByte = transferWithMetadata(account, other, 32, "k".repeat(62), emoji.repeat(512));
        Api.Response atTheBound = transferWithMetadata(account, other, 9, "k".repeat(62), emoji.repeat(496));

        assertThat(ascii.status()).as(ascii.body()).isEqualTo(201);
        assertThat(fourByte.status()).as(fourByte.body()).isEqualTo(400);
        assertThat(fourByte.json().get("errors").findValuesAsText("field")).containsExactly("metadata");
        assertThat(fourByte.json().get("errors").get(0).path("message").asText()).contains("18432 bytes");
        assertThat(atTheBound.status()).as(atTheBound.body()).isEqualTo(201);
        assertThat(transferWithMetadata(account, other, 9, "k".repeat(62), emoji.repeat(496) + "x").status())
                .isEqualTo(400);
    }

    /** A transfer of 1 with {@code entries} metadata entries: key prefix + two digits, each the same value. */
    private Api.Response transferWithMetadata(String debit, String credit, int entries, String keyPrefix,
                                              String value) {
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            metadata.append(i == 0 ? "" : ",").append('"').append(keyPrefix).append("%02d".formatted(i))
                    .append("\":\"").append(value).append('"');
        }
        return api.post("/api/v1/transfers", "{\"id\":\"" + unique("m") + "\",\"debitAccountId\":\"" + debit
                + "\",\"creditAccountId\":\"" + credit + "\",\"amount\":1,\"currency\":\"USD\",\"metadata\":{"
                + metadata + "}}");
    }
}
