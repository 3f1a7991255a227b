package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /transfers/{id}/post: all of the pending amount or less, exactly once. */
class PostPendingTransferApiTest extends CommandServiceTest {

    private String a;
    private String b;
    private String id;

    @BeforeEach
    void pending() {
        a = openAccount("USD");
        b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        id = unique("p");
        assertThat(pendingTransfer(id, a, b, 30, 3600L).status()).isEqualTo(201);
    }

    @Test
    void post_returns_200_posted_and_moves_the_whole_amount() {
        Api.Response posted = postPending(id, null);

        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.json().get("status").asText()).isEqualTo("POSTED");
        assertThat(posted.json().get("postedAmount").asLong()).isEqualTo(30);
        assertThat(posted.json().get("pending").asBoolean()).isTrue();
        assertThat(posted.json().get("resolvedAt").isNull()).isFalse();
        assertThat(balances(a)).isEqualTo(new Balances(70, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(30, 0, 0));
    }

    @Test
    void post_with_a_smaller_amount_posts_it_and_releases_the_rest() {
        Api.Response posted = postPending(id, 20L);

        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().get("postedAmount").asLong()).isEqualTo(20);
        assertThat(posted.json().get("amount").asLong()).isEqualTo(30);
        assertThat(balances(a)).isEqualTo(new Balances(80, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(20, 0, 0));
        assertThat(balances(a).posted() + balances(b).posted()).as("the deposit, conserved").isEqualTo(100);
    }

    @Test
    void post_fails_with_422_post_amount_exceeds_pending_when_the_amount_is_larger() {
        long events = storedEvents();

        Api.Response posted = postPending(id, 31L);

        assertThat(posted.status()).isEqualTo(422);
        assertThat(posted.code()).isEqualTo("POST_AMOUNT_EXCEEDS_PENDING");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0));
    }

    /** A client that serialised a partial amount it forgot as null must not capture the whole hold. */
    @Test
    void post_fails_with_400_invalid_amount_when_the_amount_is_null_rather_than_absent() {
        long events = storedEvents();

        Api.Response posted = api.post("/api/v1/transfers/" + id + "/post", "{\"amount\":null}");

        assertThat(posted.status()).as(posted.body()).isEqualTo(400);
        assertThat(posted.code()).isEqualTo("INVALID_AMOUNT");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0));
    }

    /** The body a client sends when it serialised a request object it forgot: no amount, but not "all of it". */
    @Test
    void post_fails_with_400_when_the_body_is_the_json_literal_null_and_posts_nothing() {
        long events = storedEvents();

        Api.Response posted = api.post("/api/v1/transfers/" + id + "/post", " null ");
        Api.Response voided = api.post("/api/v1/transfers/" + id + "/void", "null");

        for (Api.Response refused : new Api.Response[] {posted, voided}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("body");
            assertThat(refused.json().path("errors").get(0).path("message").asText()).isEqualTo("must be an object");
        }
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0));
        assertThat(postPending(id, null).status()).as("an object without an amount: all of it").isEqualTo(200);
    }

    @Test
    void post_fails_with_422_transfer_already_posted_when_it_was_posted() {
        postPending(id, 10L);

        Api.Response again = postPending(id, 10L);
        Api.Response voided = voidPending(id);

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("TRANSFER_ALREADY_POSTED");
        assertThat(voided.code()).isEqualTo("TRANSFER_ALREADY_POSTED");
        assertThat(balances(a)).isEqualTo(new Balances(90, 0, 0));
    }

    @Test
    void post_fails_with_422_transfer_already_voided_when_it_was_voided() {
        voidPending(id);

        Api.Response posted = postPending(id, null);

        assertThat(posted.status()).isEqualTo(422);
        assertThat(posted.code()).isEqualTo("TRANSFER_ALREADY_VOIDED");
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    @Test
    void post_fails_with_422_transfer_not_pending_for_a_single_phase_or_rejected_transfer() {
        String single = unique("t");
        transfer(single, a, b, 5, "USD");
        String rejected = unique("t");
        transfer(rejected, a, b, 1_000, "USD");

        assertThat(postPending(single, null).code()).isEqualTo("TRANSFER_NOT_PENDING");
        assertThat(postPending(rejected, null).code()).isEqualTo("TRANSFER_NOT_PENDING");
        assertThat(voidPending(single).status()).isEqualTo(422);
    }

    @Test
    void post_fails_with_404_transfer_not_found_for_an_unknown_id_or_another_clients_transfer() {
        Api bob = anonymous.as(tokenFor("bob"));

        Api.Response unknown = postPending(unique("nope"), null);
        Api.Response notHis = bob.post("/api/v1/transfers/" + id + "/post", "{}");
        Api.Response notHisVoid = bob.post("/api/v1/transfers/" + id + "/void", "");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(notHis.status()).isEqualTo(404);
        assertThat(notHis.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(notHisVoid.status()).isEqualTo(404);
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0));
    }

    @Test
    void an_operator_may_post_a_clients_pending_transfer() {
        Api.Response posted = anonymous.as(tokenFor("operator")).post("/api/v1/transfers/" + id + "/post", "");

        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(balances(b)).isEqualTo(new Balances(30, 0, 0));
    }

    @Test
    void post_and_void_fail_with_404_for_the_debit_accounts_owner_when_an_operator_placed_the_hold() {
        Api operator = anonymous.as(tokenFor("operator"));
        String merchants = unique("acc");
        assertThat(anonymous.as(tokenFor("bob")).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(merchants)).status()).isEqualTo(201);
        String authorisation = operatorHolds(operator, a, merchants, 50);
        long events = storedEvents();

        Api.Response capturedShort = api.post("/api/v1/transfers/" + authorisation + "/post", "{\"amount\":1}");
        Api.Response cancelled = api.post("/api/v1/transfers/" + authorisation + "/void", "");

        assertThat(capturedShort.status()).as(capturedShort.body()).isEqualTo(404);
        assertThat(capturedShort.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(404);
        assertThat(cancelled.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 80, 0));
        Api.Response captured = operator.post("/api/v1/transfers/" + authorisation + "/post", "{}");
        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(balances(a)).isEqualTo(new Balances(50, 30, 0));
        assertThat(balances(merchants)).isEqualTo(new Balances(50, 0, 0));
    }

    @Test
    void void_fails_with_404_for_a_client_owning_both_accounts_of_a_hold_an_operator_placed() {
        Api operator = anonymous.as(tokenFor("operator"));
        String lien = operatorHolds(operator, a, b, 50);
        long events = storedEvents();

        Api.Response released = api.post("/api/v1/transfers/" + lien + "/void", "");

        assertThat(released.status()).as(released.body()).isEqualTo(404);
        assertThat(released.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 80, 0));
    }

    /** A hold placed by {@code operator}, as a payment gateway places an authorisation; its id. */
    private static String operatorHolds(Api operator, String from, String to, long amount) {
        String id = unique("hold");
        Api.Response placed = operator.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\","
                + "\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"USD\",\"pending\":true}")
                .formatted(id, from, to, amount));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return id;
    }
}
