package io.ledgerflow.command.audit.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.audit.AuditApiTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transfer's legs are posted in one transaction, and no reader may see one without the other: every event of a
 * transaction carries the same instant, so a balance replayed as of any instant has both legs or neither. The legs
 * used to be stamped as they were created, microseconds apart, and the audit balance as of the debit's instant
 * showed money debited and not credited.
 */
class TransactionInstantApiTest extends AuditApiTest {

    private static final int TRANSFERS = 20;

    @Test
    void every_event_of_a_transfer_carries_one_instant_and_no_instant_splits_it() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        String deposit = unique("dep");
        assertThat(deposit(a, deposit, 1_000).status()).isEqualTo(201);
        for (int i = 0; i < TRANSFERS; i++) {
            assertThat(transfer(unique("t"), a, b, 10, "USD").status()).isEqualTo(201);
        }

        Map<String, String> debited = legs(a, "AccountDebited");
        Map<String, String> credited = legs(b, "AccountCredited");
        assertThat(debited).hasSize(TRANSFERS);
        assertThat(credited).isEqualTo(debited);
        for (Map.Entry<String, String> leg : debited.entrySet()) {
            assertThat(history("transfers", leg.getKey()).get(0).path("timestamp").asText()).as(leg.getKey())
                    .isEqualTo(leg.getValue());
        }
        assertThat(history("transfers", deposit).get(0).path("timestamp").asText())
                .isEqualTo(legs(a, "AccountCredited").get(deposit));

        for (String instant : new TreeSet<>(debited.values())) {
            assertThat(posted(a, instant) + posted(b, instant)).as("as of " + instant).isEqualTo(1_000);
        }
    }

    /** Transfer id to the instant of its leg of this type in the account's history. */
    private Map<String, String> legs(String account, String type) {
        Map<String, String> legs = new LinkedHashMap<>();
        for (JsonNode event : history("accounts", account)) {
            if (event.path("type").asText().contains("." + type + ".")) {
                legs.put(event.path("payload").path("transferId").asText(), event.path("timestamp").asText());
            }
        }
        return legs;
    }

    private long posted(String account, String instant) {
        Api.Response response = auditor().get("/api/v1/audit/accounts/" + account + "/balance?asOf=" + instant);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("posted").asLong();
    }
}
