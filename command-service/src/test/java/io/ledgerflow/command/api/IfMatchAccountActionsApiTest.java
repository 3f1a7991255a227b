package io.ledgerflow.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's action sent with {@code If-Match} applies only while the account is at a version it names: two
 * operators who read the same version cannot both change the account unseen by the other.
 */
class IfMatchAccountActionsApiTest extends CommandServiceTest {

    private Api operator;
    private String account;

    @BeforeEach
    void fundedAccount() {
        operator = anonymous.as(tokenFor("operator"));
        account = openAccount("USD");
        deposit(account, unique("dep"), 100);
    }

    @Test
    void put_with_if_match_of_the_current_version_answers_200_with_the_next_version_as_etag() {
        Api.Response raised = setLimit("\"2\"", 500);

        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(raised.json().get("version").asLong()).isEqualTo(3);
        assertThat(raised.header("ETag")).isEqualTo("\"3\"");
        assertThat(replayed(account).orElseThrow().overdraftLimit()).isEqualTo(500);
    }

    @Test
    void put_fails_with_412_when_if_match_names_an_older_version_and_changes_nothing() {
        long events = storedEvents();

        Api.Response stale = setLimit("\"1\"", 500);

        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("PRECONDITION_FAILED");
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.header("ETag")).isEqualTo("\"2\"");
        assertThat(stale.header("X-Consistency-Token")).isNull();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(replayed(account).orElseThrow().overdraftLimit()).isZero();
    }

    @Test
    void freeze_fails_with_412_even_when_the_account_is_already_where_it_leads() {
        operator.post("/api/v1/accounts/" + account + "/freeze", "");

        Api.Response stale = action("freeze", "\"2\"");
        Api.Response current = action("freeze", "\"3\"");

        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(current.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void a_weak_tag_never_matches_a_list_matches_any_member_and_a_star_matches_any_version() {
        Api.Response weak = action("freeze", "W/\"2\"");
        Api.Response list = action("freeze", "\"7\", \"2\"");
        Api.Response star = action("unfreeze", "*");
        Api.Response notOurs = action("freeze", "\"abc\"");

        assertThat(weak.status()).as(weak.body()).isEqualTo(412);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(star.status()).as(star.body()).isEqualTo(200);
        assertThat(notOurs.status()).as(notOurs.body()).isEqualTo(412);
    }

    @Test
    void post_fails_with_400_naming_if_match_when_it_is_not_a_list_of_entity_tags() {
        for (String malformed : new String[]{"2", "\"2", "\"2\" \"3\"", "*, \"2\"", ""}) {
            Api.Response refused = action("freeze", malformed);

            assertThat(refused.status()).as("[" + malformed + "] " + refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("If-Match");
        }
        assertThat(replayed(account).orElseThrow().status()).isEqualTo(AccountStatus.OPEN);
    }

    @Test
    void of_two_operators_who_read_the_same_version_only_one_changes_the_account() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Api.Response>> both = new ArrayList<>();
        for (long limit : new long[]{300, 700}) {
            both.add(CompletableFuture.supplyAsync(() -> {
                await(together);
                return setLimit("\"2\"", limit);
            }));
        }
        List<Integer> statuses = both.stream().map(CompletableFuture::join).map(Api.Response::status).sorted().toList();

        assertThat(statuses).containsExactly(200, 412);
        assertThat(replayed(account).orElseThrow().overdraftLimit()).isIn(300L, 700L);
        assertThat(replayed(account).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void a_client_with_if_match_is_still_403_and_an_unknown_account_still_404() {
        Api.Response client = api.with("If-Match", "\"2\"").call("PUT", "/api/v1/accounts/" + account
                + "/overdraft-limit", "{\"overdraftLimit\":5}", "application/json");
        Api.Response unknown = operator.with("If-Match", "\"1\"").post("/api/v1/accounts/" + unique("nobody")
                + "/freeze", "");

        assertThat(client.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    @Test
    void other_commands_refuse_if_match_with_400_and_run_nothing_rather_than_ignore_it() {
        long events = storedEvents();
        Api.Response withdrawal = operator.with("If-Match", "\"2\"").post("/api/v1/accounts/" + account
                + "/withdrawals", "{\"id\":\"" + unique("w") + "\",\"amount\":10}");
        Api.Response transfer = api.with("If-Match", "*").post("/api/v1/transfers", "{\"id\":\"" + unique("t")
                + "\",\"debitAccountId\":\"" + account + "\",\"creditAccountId\":\"" + openAccount("USD")
                + "\",\"amount\":1,\"currency\":\"USD\"}");

        for (Api.Response refused : List.of(withdrawal, transfer)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("If-Match");
        }
        assertThat(storedEvents()).as("only the second account's opening").isEqualTo(events + 1);
        assertThat(posted(account)).isEqualTo(100);
    }

    @Test
    void the_api_document_names_if_match_and_the_412_on_every_account_action() {
        JsonNode paths = anonymous.get("/v3/api-docs").json().path("paths");
        for (String action : new String[]{"freeze", "unfreeze", "close", "reopen", "overdraft-limit"}) {
            JsonNode operation = paths.path("/api/v1/accounts/{accountId}/" + action)
                    .path(action.equals("overdraft-limit") ? "put" : "post");

            assertThat(operation.path("parameters").findValuesAsText("name")).as(action)
                    .contains("If-Match").doesNotContain("headers");
            assertThat(operation.path("responses").has("412")).as(action).isTrue();
        }
    }

    private Api.Response setLimit(String ifMatch, long limit) {
        return operator.with("If-Match", ifMatch).call("PUT", "/api/v1/accounts/" + account + "/overdraft-limit",
                "{\"overdraftLimit\":" + limit + "}", "application/json");
    }

    private Api.Response action(String action, String ifMatch) {
        return operator.with("If-Match", ifMatch).post("/api/v1/accounts/" + account + "/" + action, "");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
