package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command takes no query parameter: one is refused, naming it, rather than ignored, since the client that sends
 * {@code ?dryRun=true} or {@code ?pending=true} believes it asked for something the command would not do.
 */
class UnknownCommandParametersApiTest extends CommandServiceTest {

    @Test
    void post_fails_with_400_naming_a_query_parameter_and_moves_no_money() {
        String from = fundedAccounts(1, "USD", 1_000).get(0);
        String to = openAccount("USD");
        String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":300,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), from, to);

        Api.Response refused = api.post("/api/v1/transfers?dryRun=true", body);
        Api.Response frozen = anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + to + "/freeze?reason=x",
                null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("dryRun");
        assertThat(frozen.status()).isEqualTo(400);
        assertThat(posted(from)).isEqualTo(1_000);
        assertThat(api.post("/api/v1/transfers?", body).status()).as("a bare ? asks nothing").isEqualTo(201);
    }
}
