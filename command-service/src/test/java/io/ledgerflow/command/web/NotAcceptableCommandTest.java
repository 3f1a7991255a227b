package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command whose {@code Accept} excludes JSON is refused with 406 before it runs: a client told "not acceptable"
 * must be able to take it that nothing happened, and a retry that accepts JSON is then the first attempt.
 */
class NotAcceptableCommandTest extends CommandServiceTest {

    @Test
    void post_fails_with_406_and_moves_no_money_when_accept_excludes_json() {
        String from = fundedAccounts(1, "USD", 1_000).get(0);
        String to = openAccount("USD");
        String transferId = unique("t");
        String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":300,"
                + "\"currency\":\"USD\"}").formatted(transferId, from, to);
        long events = storedEvents();

        Api.Response refused = api.with("Accept", "application/xml").post("/api/v1/transfers", body);

        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.code()).isEqualTo("NOT_ACCEPTABLE");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(from)).isEqualTo(1_000);
        assertThat(api.post("/api/v1/transfers", body).status()).as("the retry is the first attempt").isEqualTo(201);
        assertThat(posted(from)).isEqualTo(700);
    }

    @Test
    void an_idempotency_key_does_not_store_the_406() {
        String account = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String path = "/api/v1/accounts/" + account + "/freeze";

        Api.Response refused = operator.with("Accept", "text/html").post(path, null);
        Api.Response retried = operator.post(path, null);

        assertThat(refused.status()).isEqualTo(406);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.json().path("status").asText()).isEqualTo("FROZEN");
    }

    /** A replay is the first answer, stored with the key before this request's Accept is looked at. */
    @Test
    void a_keyed_replay_is_the_first_answer_whatever_the_accept_header() {
        Api keyed = api.with("Idempotency-Key", unique("key"));
        String body = "{\"id\":\"%s\",\"currency\":\"EUR\"}".formatted(unique("acc"));

        Api.Response first = keyed.post("/api/v1/accounts", body);
        Api.Response replay = keyed.with("Accept", "text/html").post("/api/v1/accounts", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
    }

    /** The 406 is only for an answer the command would have given: a refusal of the request itself keeps its status. */
    @Test
    void errors_of_the_request_itself_keep_their_status_when_accept_excludes_json() {
        String body = "{\"id\":\"%s\",\"currency\":\"EUR\"}".formatted(unique("acc"));
        Api html = anonymous.with("Accept", "text/html");

        assertProblem(html.post("/api/v1/accounts", body), 401, "UNAUTHORIZED");
        assertProblem(html.as("not-a-token").post("/api/v1/accounts", body), 401, "UNAUTHORIZED");
        assertProblem(html.as(tokenFor("viewer")).post("/api/v1/accounts", body), 403, "FORBIDDEN");
        Api alice = api.with("Accept", "text/html");
        assertProblem(alice.post("/api/v1/nothing-here", body), 404, "NOT_FOUND");
        assertProblem(alice.post("/api/v1/accounts", body, "text/plain"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(alice.post("/api/v1/accounts", "{\"id\":"), 400, "VALIDATION_FAILED");
        assertProblem(alice.post("/api/v1/accounts", "{\"currency\":\"EUR\"}"), 400, "VALIDATION_FAILED");
        assertProblem(alice.with("Idempotency-Key", "").post("/api/v1/accounts", body), 400, "VALIDATION_FAILED");
        assertProblem(alice.post("/api/v1/accounts", body), 406, "NOT_ACCEPTABLE");
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
    }

    /** Asked for as another JSON type, the account is still labelled application/json, not as a problem. */
    @Test
    void a_command_answer_asked_for_as_problem_json_is_labelled_application_json() {
        Api.Response opened = api.with("Accept", "application/problem+json").post("/api/v1/accounts",
                "{\"id\":\"%s\",\"currency\":\"EUR\"}".formatted(unique("acc")));

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.contentType()).isEqualTo("application/json");
    }

    @Test
    void accept_headers_that_allow_json_still_run_the_command() {
        for (String accept : new String[]{"*/*", "application/*", "text/html, application/json;q=0.5"}) {
            Api.Response opened = api.with("Accept", accept).post("/api/v1/accounts",
                    "{\"id\":\"%s\",\"currency\":\"EUR\"}".formatted(unique("acc")));

            assertThat(opened.status()).as(accept).isEqualTo(201);
        }
    }
}
