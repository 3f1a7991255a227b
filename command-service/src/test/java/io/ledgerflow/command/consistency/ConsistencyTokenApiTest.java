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
    void a_rejection_names_the_rejected_transfer_with_or_without_an_idempotency_key_and_so_does_its_repeat() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        String unkeyed = unique("t");
        String keyed = unique("t");
        Api keyedApi = api.with("Idempotency-Key", unique("key"));

        Api.Response plain = transfer(unkeyed, a, b, 5, "USD");
        Api.Response withKey = keyedApi.post("/api/v1/transfers", transferBody(keyed, a, b, 5));
        Api.Response replay = keyedApi.post("/api/v1/transfers", transferBody(keyed, a, b, 5));
        Api.Response repeat = transfer(unkeyed, a, b, 5, "USD");

        for (Api.Response rejected : new Api.Response[]{plain, withKey, replay, repeat}) {
            assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
            assertThat(rejected.code()).isEqualTo("INSUFFICIENT_FUNDS");
        }
        assertThat(streamsOf(plain)).containsExactly(Map.entry("transfer/" + unkeyed, 0L));
        assertThat(streamsOf(withKey)).containsExactly(Map.entry("transfer/" + keyed, 0L));
        assertThat(replay.header(ConsistencyToken.HEADER)).isEqualTo(withKey.header(ConsistencyToken.HEADER));
        assertThat(streamsOf(repeat)).as("a repeat names the transfer as it stands")
                .containsExactly(Map.entry("transfer/" + unkeyed, 0L));
    }

    @Test
    void a_keyed_transfer_names_both_accounts_and_the_transfer_at_the_sequences_it_wrote() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        String id = unique("t");

        Api.Response keyed = api.with("Idempotency-Key", unique("key")).post("/api/v1/transfers",
                transferBody(id, a, b, 400));

        assertThat(keyed.status()).as(keyed.toString()).isEqualTo(201);
        assertThat(streamsOf(keyed)).as("the token of a request that answered before its group committed")
                .containsExactlyInAnyOrderEntriesOf(Map.of("account/" + a, lastSequence("account/" + a),
                        "account/" + b, lastSequence("account/" + b), "transfer/" + id, 0L));
        assertThat(lastSequence("account/" + a)).isEqualTo(2L);
    }

    private static String transferBody(String id, String from, String to, long amount) {
        return "{\"id\":\"" + id + "\",\"debitAccountId\":\"" + from + "\",\"creditAccountId\":\"" + to
                + "\",\"amount\":" + amount + ",\"currency\":\"USD\"}";
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
