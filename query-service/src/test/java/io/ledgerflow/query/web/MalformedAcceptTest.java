package io.ledgerflow.query.web;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Accept} header that does not parse still gets every error as problem+json with a code: the error it
 * would have had, or 406 {@code NOT_ACCEPTABLE} where a success could not be written for it. Its body was empty.
 */
class MalformedAcceptTest extends QueryServiceTest {

    static final List<String> MALFORMED = List.of("garbage///", ";", "application", "*/*;q=abc",
            "application/json;q=2", "\"application/json\"", "*/json", "application/json;charset=bogus");

    @Test
    void errors_of_reads_are_problems_with_a_code_whatever_the_accept_header() {
        for (String accept : MALFORMED) {
            Api operator = as("operator").with("Accept", accept);

            assertProblem(operator.get("/api/v1/accounts/nope"), 404, "ACCOUNT_NOT_FOUND", accept);
            assertProblem(operator.get("/api/v1/nothing-here"), 404, "NOT_FOUND", accept);
            assertProblem(operator.get("/api/v1/accounts?limit=0"), 400, "VALIDATION_FAILED", accept);
            assertProblem(operator.get("/api/v1/accounts/" + ALICE_ACCOUNT), 406, "NOT_ACCEPTABLE", accept);
        }
    }

    /** A representation is application/json whatever JSON type was asked for; a problem stays a problem. */
    @Test
    void a_read_asked_for_as_another_json_type_is_labelled_application_json() {
        for (String accept : List.of("application/problem+json", "application/json;level=1", "application/*+json")) {
            Api operator = as("operator").with("Accept", accept);

            Api.Response account = operator.get("/api/v1/accounts/" + ALICE_ACCOUNT);
            Api.Response missing = operator.get("/api/v1/accounts/nope");

            assertThat(account.status()).as(accept).isEqualTo(200);
            assertThat(account.contentType()).as(accept).isEqualTo("application/json");
            assertThat(missing.contentType()).as(accept).isEqualTo("application/problem+json");
        }
    }

    private static void assertProblem(Api.Response response, int status, String code, String accept) {
        assertThat(response.status()).as(accept + ": " + response).isEqualTo(status);
        assertThat(response.contentType()).as(accept).isEqualTo("application/problem+json");
        assertThat(response.code()).as(accept).isEqualTo(code);
    }
}
