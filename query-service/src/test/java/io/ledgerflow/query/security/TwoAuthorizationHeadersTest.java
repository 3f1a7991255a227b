package io.ledgerflow.query.security;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request with two {@code Authorization} headers is refused with 401 whichever comes first: the service must not
 * read as the first while something in front of it checked the last.
 */
class TwoAuthorizationHeadersTest extends QueryServiceTest {

    @Test
    void two_authorization_headers_are_401_in_either_order() throws Exception {
        String operator = "Bearer " + token("operator");
        String alice = "Bearer " + token("alice");

        for (String[] headers : new String[][]{{operator, alice}, {alice, operator}, {alice, "Bearer junk"}}) {
            HttpResponse<String> response = readBobsAccount(headers);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Api.problemCode(response.body())).isEqualTo("UNAUTHORIZED");
        }
    }

    private HttpResponse<String> readBobsAccount(String[] authorizations) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port() + "/api/v1/accounts/" + BOB_ACCOUNT));
        for (String authorization : authorizations) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
