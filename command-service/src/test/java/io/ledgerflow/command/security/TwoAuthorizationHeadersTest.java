package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request with two {@code Authorization} headers is refused with 401 whichever comes first: the service must not
 * act as the first while something in front of it checked the last.
 */
class TwoAuthorizationHeadersTest extends CommandServiceTest {

    @Test
    void two_authorization_headers_are_401_in_either_order_and_nothing_is_done() throws Exception {
        String account = openAccount("USD");
        String operator = "Bearer " + tokenFor("operator");
        String alice = "Bearer " + tokenFor("alice");
        long events = storedEvents();

        for (String[] headers : new String[][]{{operator, alice}, {alice, operator}, {operator, operator}}) {
            HttpResponse<String> response = freeze(account, headers);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Api.problemCode(response.body())).isEqualTo("UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer").contains("error=\"invalid_request\""));
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    private HttpResponse<String> freeze(String account, String[] authorizations) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/v1/accounts/" + account + "/freeze"));
        for (String authorization : authorizations) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
