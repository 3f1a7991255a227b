package io.ledgerflow.command.audit;

import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A point-in-time audit that silently answered "now" for a misspelled {@code asof} is the dangerous case: every
 * audit endpoint refuses a query parameter it does not take, naming it, and still takes the ones it does.
 */
class UnknownAuditParametersApiTest extends AuditApiTest {

    @Test
    void get_fails_with_400_naming_every_parameter_the_audit_endpoint_does_not_take() {
        String account = openAccount("USD");
        deposit(account, unique("dep"), 10);
        List<String> misspelled = List.of(
                "/api/v1/audit/accounts/" + account + "/balance?asof=2020-01-01T00:00:00Z",
                "/api/v1/audit/accounts/" + account + "/balance?as_of=2020-01-01T00:00:00Z",
                "/api/v1/audit/accounts/" + account + "/balance?asOf=2030-01-01T00:00:00Z&limit=5",
                "/api/v1/audit/chain/verify?start=1&end=5",
                "/api/v1/audit/events?from=10&limit=2",
                "/api/v1/audit/events?cursor=10",
                "/api/v1/audit/accounts/" + account + "/events?position=1",
                "/api/v1/audit/reconciliation?accountId=" + account);
        List<String> failures = new ArrayList<>();

        for (String path : misspelled) {
            Api.Response refused = auditor().get(path);
            if (refused.status() != 400 || !"VALIDATION_FAILED".equals(refused.code())
                    || refused.json().path("errors").isEmpty()) {
                failures.add(path + " -> " + refused);
            }
        }

        assertThat(failures).isEmpty();
        Api.Response named = auditor().get("/api/v1/audit/chain/verify?start=1&end=5&from=1");
        assertThat(named.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("start", "end");
        assertThat(auditor().get("/api/v1/audit/accounts/" + account + "/balance?asOf=2030-01-01T00:00:00Z")
                .status()).as("a parameter it takes").isEqualTo(200);
        assertThat(auditor().get("/api/v1/audit/events?after=0&limit=2").status()).isEqualTo(200);
    }
}
