package io.ledgerflow.query.consistency;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.ALICE_TO_BOB;
import static io.ledgerflow.query.support.LedgerFixture.SETTLEMENT_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/** The fixture's accounts stand at version 3 (sequence 2) and its transfers at version 1 or more. */
class ConsistencyWaitTest extends QueryServiceTest {

    @Autowired
    ConsistencyTokens tokens;

    private Api alice;

    @BeforeEach
    void caller() {
        alice = as("alice");
    }

    @Test
    void a_token_the_projection_already_reflects_answers_at_once_as_consistent() {
        String token = tokens.issue(new ConsistencyToken(Map.of("account/" + ALICE_ACCOUNT, 2L,
                "account/" + SETTLEMENT_ACCOUNT, 2L, "transfer/" + ALICE_TO_BOB, 0L)));

        Api.Response account = alice.with(ConsistencyToken.HEADER, token).get("/api/v1/accounts/" + ALICE_ACCOUNT);
        Api.Response byParameter = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT + "/entries?consistentWith="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("consistent");
        assertThat(byParameter.status()).isEqualTo(200);
        assertThat(byParameter.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("consistent");
    }

    @Test
    void a_token_ahead_of_the_projection_waits_its_bound_then_answers_with_the_data_as_stale() {
        String ahead = tokens.issue(new ConsistencyToken(Map.of("account/" + ALICE_ACCOUNT, 3L)));

        long started = System.nanoTime();
        Api.Response account = alice.with(ConsistencyToken.HEADER, ahead)
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=300");
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("version").asLong()).isEqualTo(3);
        assertThat(account.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
        assertThat(waitedMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void a_token_for_a_stream_not_projected_yet_is_stale_not_an_error() {
        String unseen = tokens.issue(new ConsistencyToken(Map.of("transfer/not-yet-projected", 0L)));

        Api.Response account = alice.with(ConsistencyToken.HEADER, unseen)
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=0");

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
    }

    @Test
    void a_token_this_ledger_did_not_sign_or_a_bad_timeout_is_400_with_or_without_a_token() {
        String forged = new ConsistencyTokens("f".repeat(32).getBytes())
                .issue(new ConsistencyToken(Map.of("account/" + ALICE_ACCOUNT, 0L)));
        String token = tokens.issue(new ConsistencyToken(Map.of("account/" + ALICE_ACCOUNT, 0L)));

        Api.Response unsigned = alice.with(ConsistencyToken.HEADER, forged).get("/api/v1/accounts/" + ALICE_ACCOUNT);
        Api.Response garbage = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistentWith=%24where");
        Api.Response tooLong = alice.with(ConsistencyToken.HEADER, token)
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=600000");
        Api.Response notANumber = alice.with(ConsistencyToken.HEADER, token)
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=soon");

        Api.Response notANumberWithoutToken = alice
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=soon");
        Api.Response bothWrong = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT
                + "?consistentWith=%24where&consistencyTimeoutMs=-1");

        for (Api.Response refused : new Api.Response[] {unsigned, garbage, tooLong, notANumber,
                notANumberWithoutToken, bothWrong}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(unsigned.json().get("errors").get(0).get("field").asText()).isEqualTo(ConsistencyToken.HEADER);
        assertThat(garbage.json().get("errors").get(0).get("field").asText()).isEqualTo(ConsistencyWait.PARAMETER);
        assertThat(notANumberWithoutToken.json().get("errors").get(0).get("field").asText())
                .isEqualTo(ConsistencyWait.TIMEOUT_PARAMETER);
        assertThat(bothWrong.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder(ConsistencyWait.TIMEOUT_PARAMETER, ConsistencyWait.PARAMETER);
    }

    /** HEAD is GET without the body: its ETag is what a caller waiting on its write is after (a probe's finding). */
    @Test
    void head_waits_as_get_does_and_refuses_a_token_this_ledger_did_not_sign() {
        String ahead = tokens.issue(new ConsistencyToken(Map.of("account/" + ALICE_ACCOUNT, 3L)));
        String forged = new ConsistencyTokens("f".repeat(32).getBytes())
                .issue(new ConsistencyToken(Map.of("account/" + ALICE_ACCOUNT, 0L)));

        long started = System.nanoTime();
        Api.Response waited = alice.with(ConsistencyToken.HEADER, ahead)
                .call("HEAD", "/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=300", null, null);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        Api.Response refused = alice.with(ConsistencyToken.HEADER, forged)
                .call("HEAD", "/api/v1/accounts/" + ALICE_ACCOUNT, null, null);

        assertThat(waited.status()).isEqualTo(200);
        assertThat(waited.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
        assertThat(waitedMillis).isGreaterThanOrEqualTo(300);
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void every_token_a_read_sends_must_be_signed_not_only_the_first_repeated_or_comma_separated() {
        String token = tokens.issue(new ConsistencyToken(Map.of("account/" + ALICE_ACCOUNT, 0L)));
        String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);

        Api.Response besideHeader = alice.with(ConsistencyToken.HEADER, token)
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistentWith=garbage");
        Api.Response secondParameter = alice
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistentWith=" + encoded + "&consistentWith=garbage");
        Api.Response bothSigned = alice
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistentWith=" + encoded + "&consistentWith=" + encoded);
        Api.Response listed = alice
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistentWith=" + encoded + "," + encoded);
        Api.Response listedWithGarbage = alice
                .get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistentWith=" + encoded + ",garbage");

        Api.Response headerListed = alice.with(ConsistencyToken.HEADER, token + ", " + token)
                .get("/api/v1/accounts/" + ALICE_ACCOUNT);
        Api.Response headerListedWithGarbage = alice.with(ConsistencyToken.HEADER, token + ",garbage")
                .get("/api/v1/accounts/" + ALICE_ACCOUNT);

        assertThat(besideHeader.status()).as(besideHeader.body()).isEqualTo(400);
        assertThat(secondParameter.status()).as(secondParameter.body()).isEqualTo(400);
        assertThat(listedWithGarbage.status()).as(listedWithGarbage.body()).isEqualTo(400);
        assertThat(headerListedWithGarbage.status()).as(headerListedWithGarbage.body()).isEqualTo(400);
        assertThat(headerListedWithGarbage.json().get("errors").findValuesAsText("field"))
                .containsExactly(ConsistencyToken.HEADER);
        for (Api.Response signed : new Api.Response[] {bothSigned, listed, headerListed}) {
            assertThat(signed.status()).as(signed.body()).isEqualTo(200);
            assertThat(signed.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("consistent");
        }
    }

    /** {@code consistentWith=,} was answered with the parameter named twice, once for each empty token. */
    @Test
    void a_field_with_several_wrong_tokens_is_named_once() {
        Api.Response emptyList = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistentWith=,");
        Api.Response repeated = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT
                + "?consistentWith=garbage,junk&consistentWith=more");

        for (Api.Response refused : new Api.Response[] {emptyList, repeated}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("errors").findValuesAsText("field"))
                    .containsExactly(ConsistencyWait.PARAMETER);
        }
    }

    @Test
    void without_a_token_nothing_waits_and_nothing_is_said() {
        Api.Response account = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT);

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.header(ConsistencyWait.OUTCOME_HEADER)).isNull();
    }
}
