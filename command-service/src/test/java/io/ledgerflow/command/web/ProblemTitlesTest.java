package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9457: a problem type keeps one title. The same code came titled by whichever part of the service answered:
 * "Not Found" for an account in the path, "Unprocessable Entity" for one in a body, "Validation failed" for an
 * invalid amount.
 */
class ProblemTitlesTest extends CommandServiceTest {

    @Test
    void every_problem_is_titled_by_its_code_wherever_it_comes_from() {
        Api operator = anonymous.as(tokenFor("operator"));
        String account = openAccount("USD");
        List<Api.Response> problems = List.of(
                operator.post("/api/v1/accounts/" + unique("none") + "/deposits",
                        "{\"id\":\"" + unique("d") + "\",\"amount\":1}"),
                api.post("/api/v1/transfers", "{\"id\":\"" + unique("t") + "\",\"debitAccountId\":\"" + account
                        + "\",\"creditAccountId\":\"" + unique("none") + "\",\"amount\":1,\"currency\":\"USD\"}"),
                api.post("/api/v1/transfers", "{\"id\":\"" + unique("t") + "\",\"debitAccountId\":\"" + account
                        + "\",\"creditAccountId\":\"" + unique("none") + "\",\"amount\":0,\"currency\":\"USD\"}"),
                api.get("/api/v1/nothing-here"),
                api.call("DELETE", "/api/v1/accounts", null, null),
                anonymous.get("/api/v1/audit/events"),
                api.post("/api/v1/transfers", "{}"));

        assertThat(problems).extracting(response -> response.code() + " " + response.json().path("title").asText())
                .containsExactly("ACCOUNT_NOT_FOUND Account not found", "ACCOUNT_NOT_FOUND Account not found",
                        "INVALID_AMOUNT Invalid amount", "NOT_FOUND Not found", "METHOD_NOT_ALLOWED Method not allowed",
                        "UNAUTHORIZED Unauthorized", "VALIDATION_FAILED Validation failed");
    }
}
