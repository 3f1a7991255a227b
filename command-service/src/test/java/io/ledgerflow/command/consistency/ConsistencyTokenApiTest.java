package io.ledgerflow.command.consistency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsistencyTokenApiTest extends CommandServiceTest {

    @Autowired
    ConsistencyTokens tokens;

    @Test
    void a_deposit_names_both_accounts_and_the_transfer_at_the_sequences_it_wrote() {
        String account = openAccount("USD");

        Api.Response deposit = deposit(account, unique("dep"), 500);

        Map<String, Long> streams = streamsOf(deposit);
        String settlementShard = "account/" + jdbc.queryForObject("select p->>'accountId' from (select "
                + "convert_from(payload, 'UTF8')::jsonb as p from domainevententry where payloadtype like "
                + "'%AccountDebited') legs where p->>'transferId' = ?", String.class, deposit.json().get("id").asText());
        assertThat(settlementShard).startsWith("account/@world:USD");
        assertThat(streams).hasSize(3).containsEntry("account/" + account, lastSequence("account/" + account))
                .containsEntry("transfer/" + deposit.json().get("id").asText(), 0L)
                .containsEntry(settlementShard, lastSequence(settlementShard));
        assertThat(streams.get("account/" + account)).isEqualTo(1L);
    }

    @Test
    void opening_an_account_names_its_first_event() {
        Api.Response open = api.post("/api/v1/accounts",
                "{\"id\":\"" + unique("acc") + "\",\"ownerId\":\"alice\",\"currency\":\"EUR\"}");

        assertThat(open.status()).isEqualTo(201);
        assertThat(streamsOf(open)).containsExactly(Map.entry("account/" + open.json().get("id").asText(), 0L));
    }

    @Test
    void a_repeated_transfer_names_what_the_first_one_wrote_though_it_writes_nothing() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        String id = unique("t");
        transfer(id, a, b, 400, "USD");

        Api.Response again = transfer(id, a, b, 400, "USD");

        assertThat(again.status()).isEqualTo(200);
        assertThat(streamsOf(again)).containsEntry("transfer/" + id, 0L);
    }

    @Test
    void a_replayed_idempotent_request_carries_the_first_token() {
        String account = openAccount("USD");
        String key = unique("key");
        String body = "{\"id\":\"" + unique("dep") + "\",\"amount\":300}";
        Api operator = api.as(tokenFor("operator")).with("Idempotency-Key", key);

        Api.Response first = operator.post("/api/v1/accounts/" + account + "/deposits", body);
        Api.Response replay = operator.post("/api/v1/accounts/" + account + "/deposits", body);

        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header(ConsistencyToken.HEADER)).isEqualTo(first.header(ConsistencyToken.HEADER));
    }

    @Test
    void a_token_is_sealed_so_that_a_changed_one_is_not_ours() {
        String token = deposit(openAccount("USD"), unique("dep"), 100).header(ConsistencyToken.HEADER);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[raw.length - 1] ^= 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThat(tokens.read(token)).isPresent();
        assertThat(tokens.read(forged)).isEmpty();
    }

    private Map<String, Long> streamsOf(Api.Response response) {
        String header = response.header(ConsistencyToken.HEADER);
        assertThat(header).as("X-Consistency-Token on a %s answer", response.status()).isNotBlank();
        return tokens.read(header).orElseThrow().streams();
    }

    private long lastSequence(String streamId) {
        return jdbc.queryForObject("select max(sequencenumber) from domainevententry where aggregateidentifier = ?",
                Long.class, streamId);
    }

    @Test
    void a_batch_touching_more_streams_than_a_token_holds_answers_201_without_one() {
        String from = openAccount("USD");
        deposit(from, unique("dep"), 10_000);
        StringBuilder transfers = new StringBuilder();
        for (int i = 0; i < ConsistencyToken.MAX_STREAMS; i++) {
            transfers.append(i == 0 ? "" : ",").append("{\"id\":\"").append(unique("bt")).append("\",\"debitAccountId\":\"")
                    .append(from).append("\",\"creditAccountId\":\"").append(openAccount("USD"))
                    .append("\",\"amount\":1,\"currency\":\"USD\"}");
        }

        Api.Response batch = api.post("/api/v1/transfers/batch", "{\"transfers\":[" + transfers + "]}");

        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(batch.header(ConsistencyToken.HEADER)).isNull();
    }
}
