package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Accept} header that does not parse still gets every error as problem+json with a code: the error it
 * would have had, or 406 {@code NOT_ACCEPTABLE} where a success could not be written for it. Its body was empty.
 */
class MalformedAcceptTest extends CommandServiceTest {

    static final List<String> MALFORMED = List.of("garbage///", ";", "application", "*/*;q=abc",
            "application/json;q=2", "\"application/json\"", "*/json", "application/json;charset=bogus");

    @Test
    void errors_of_reads_are_problems_with_a_code_whatever_the_accept_header() {
        Api auditor = anonymous.as(tokenFor("auditor"));
        for (String accept : MALFORMED) {
            Api reader = auditor.with("Accept", accept);

            assertProblem(reader.get("/api/v1/audit/accounts/" + unique("nope") + "/events"), 404,
                    "ACCOUNT_NOT_FOUND", accept);
            assertProblem(reader.get("/api/v1/audit/nothing-here"), 404, "NOT_FOUND", accept);
            assertProblem(reader.get("/api/v1/audit/accounts/a1/events?limit=0"), 400, "VALIDATION_FAILED", accept);
            assertProblem(reader.get("/api/v1/audit/events"), 406, "NOT_ACCEPTABLE", accept);
            assertProblem(reader.get("/api/v1/audit/chain/head"), 406, "NOT_ACCEPTABLE", accept);
        }
    }

    @Test
    void audit_reads_check_their_parameters_before_the_accept_header() {
        Api reader = anonymous.as(tokenFor("auditor")).with("Accept", "application/xml");

        assertProblem(reader.get("/api/v1/audit/events?limit=abc"), 400, "VALIDATION_FAILED", "xml");
        assertProblem(reader.get("/api/v1/audit/chain/anchors?limit=0"), 400, "VALIDATION_FAILED", "xml");
        assertProblem(reader.get("/api/v1/audit/chain/verify?from=abc"), 400, "VALIDATION_FAILED", "xml");
        assertProblem(reader.get("/api/v1/audit/accounts/a1/events?limit=0"), 400, "VALIDATION_FAILED", "xml");
        assertProblem(reader.get("/api/v1/audit/events"), 406, "NOT_ACCEPTABLE", "xml");
        assertProblem(reader.get("/api/v1/audit/chain/anchors"), 406, "NOT_ACCEPTABLE", "xml");
        assertProblem(reader.get("/api/v1/audit/chain/verify?from=1&to=1"), 406, "NOT_ACCEPTABLE", "xml");
        assertProblem(reader.get("/api/v1/audit/chain/head"), 406, "NOT_ACCEPTABLE", "xml");
    }

    private static void assertProblem(Api.Response response, int status, String code, String accept) {
        assertThat(response.status()).as(accept + ": " + response).isEqualTo(status);
        assertThat(response.contentType()).as(accept).isEqualTo("application/problem+json");
        assertThat(response.code()).as(accept).isEqualTo(code);
    }
}
