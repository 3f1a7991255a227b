package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body whose labels say it cannot be read as sent is 415, and nothing applied: a wildcard media type, which Spring
 * cannot even read (every endpoint that reads a body answered 500), or a content encoding (a probe's findings).
 */
class UnreadableBodyLabelsTest extends CommandServiceTest {

    private static final List<String> WILDCARDS = List.of("*/*", "application/*", "*/*;q=0.8", "application/*+json");

    @Test
    void post_fails_with_415_for_a_wildcard_content_type_on_every_command_and_applies_nothing() {
        String from = fundedAccounts(1, "USD", 1_000).get(0);
        String to = openAccount("USD");
        String held = unique("p");
        assertThat(pendingTransfer(held, from, to, 10, null).status()).isEqualTo(201);
        Api operator = anonymous.as(tokenFor("operator"));
        String transfer = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":1,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), from, to);
        Map<String, String> bodies = Map.of(
                "POST /api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(unique("acc")),
                "POST /api/v1/transfers", transfer,
                "POST /api/v1/transfers/batch", "{\"transfers\":[" + transfer + "]}",
                "POST /api/v1/transfers/" + held + "/post", "{}",
                "POST /api/v1/transfers/" + held + "/void", "{}",
                "POST /api/v1/accounts/" + from + "/deposits", "{\"id\":\"%s\",\"amount\":5}".formatted(unique("d")),
                "POST /api/v1/accounts/" + from + "/withdrawals", "{\"id\":\"%s\",\"amount\":5}".formatted(unique("w")),
                "POST /api/v1/accounts/" + to + "/freeze", "{}",
                "PUT /api/v1/accounts/" + to + "/overdraft-limit", "{\"overdraftLimit\":5}");
        long events = storedEvents();
        List<String> failures = new ArrayList<>();

        bodies.forEach((request, body) -> {
            String method = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1);
            for (String wildcard : WILDCARDS) {
                Api.Response refused = operator.call(method, path, body, wildcard);
                if (refused.status() != 415 || !"UNSUPPORTED_MEDIA_TYPE".equals(refused.code())
                        || !refused.contentType().startsWith("application/problem+json")) {
                    failures.add(request + " with " + wildcard + " -> " + refused);
                }
            }
        });

        assertThat(failures).isEmpty();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(from).pendingDebits()).isEqualTo(10);
    }

    /** A body labelled as encoded is not read as if it were not (a probe's br-labelled plain body was applied). */
    @Test
    void post_fails_with_415_for_an_encoded_body_and_applies_nothing() {
        String from = fundedAccounts(1, "USD", 1_000).get(0);
        String to = openAccount("USD");
        String id = unique("t");
        String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":1,"
                + "\"currency\":\"USD\"}").formatted(id, from, to);

        for (String encoding : List.of("br", "gzip", "deflate, gzip")) {
            Api.Response refused = api.with("Content-Encoding", encoding).post("/api/v1/transfers", body);

            assertThat(refused.status()).as(encoding + " " + refused.body()).isEqualTo(415);
            assertThat(refused.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        }
        assertThat(posted(from)).isEqualTo(1_000);
        assertThat(api.with("Content-Encoding", "identity").post("/api/v1/transfers", body).status()).isEqualTo(201);
    }
}
