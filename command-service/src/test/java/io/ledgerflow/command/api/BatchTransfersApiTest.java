package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /transfers/batch: all or none, in order, with the rules, idempotency and ownership of a single transfer. */
class BatchTransfersApiTest extends CommandServiceTest {

    static String item(String id, String from, String to, long amount) {
        return "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"USD\"}"
                .formatted(id, from, to, amount);
    }

    Api.Response batch(List<String> items) {
        return api.post("/api/v1/transfers/batch", "{\"transfers\":[" + String.join(",", items) + "]}");
    }

    @Test
    void post_batch_applies_chained_items_in_order_and_answers_201_with_the_transfers() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        String c = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String first = unique("bt");
        String second = unique("bt");

        // the second item spends what the first credited
        Api.Response response = batch(List.of(item(first, a, b, 100), item(second, b, c, 60)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("transfers")).hasSize(2);
        assertThat(response.json().get("transfers").get(0).get("id").asText()).isEqualTo(first);
        assertThat(response.json().get("transfers").get(1).get("id").asText()).isEqualTo(second);
        assertThat(response.json().get("transfers").get(1).get("status").asText()).isEqualTo("POSTED");
        assertThat(posted(a)).isZero();
        assertThat(posted(b)).isEqualTo(40);
        assertThat(posted(c)).isEqualTo(60);
    }

    @Test
    void post_batch_fails_with_422_naming_the_first_failing_item_and_applies_nothing() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        List<String> items = List.of(item(unique("bt"), a, b, 50), item(unique("bt"), a, b, 50),
                item(unique("bt"), a, b, 1), item(unique("bt"), a, b, 1_000));
        String third = items.get(2).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        long events = storedEvents();

        Api.Response response = batch(items);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(response.json().get("index").asInt()).isEqualTo(2);
        assertThat(response.json().get("transferId").asText()).isEqualTo(third);
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(a)).isEqualTo(100);
        assertThat(posted(b)).isZero();
    }

    @Test
    void post_batch_rejection_is_not_sticky_the_same_batch_succeeds_once_funded() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        List<String> items = List.of(item(unique("bt"), a, b, 30), item(unique("bt"), a, b, 20));
        assertThat(batch(items).status()).isEqualTo(422);
        deposit(a, unique("dep"), 50);

        Api.Response retried = batch(items);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(posted(b)).isEqualTo(50);
    }

    /** A client told to resend "once the balances allow it" must see which item never will. */
    @Test
    void post_batch_fails_with_422_first_attempt_false_when_an_item_repeats_a_sticky_rejection() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        String rejected = unique("t");
        assertThat(transfer(rejected, a, b, 500, "USD").status()).isEqualTo(422);
        deposit(a, unique("dep"), 1_000);

        Api.Response fresh = batch(List.of(item(unique("bt"), a, b, 5_000)));
        Api.Response repeated = batch(List.of(item(unique("bt"), a, b, 1), item(rejected, a, b, 500)));

        assertThat(fresh.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(fresh.json().path("firstAttempt").asBoolean()).as(fresh.body()).isTrue();
        assertThat(repeated.status()).isEqualTo(422);
        assertThat(repeated.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(repeated.json().path("index").asInt()).isEqualTo(1);
        assertThat(repeated.json().path("firstAttempt").isBoolean()).as(repeated.body()).isTrue();
        assertThat(repeated.json().path("firstAttempt").asBoolean()).isFalse();
        assertThat(repeated.json().path("detail").asText()).contains("was rejected before and stays rejected");
        assertThat(posted(a)).isEqualTo(1_000);
    }

    @Test
    void post_batch_retried_answers_200_with_the_same_transfers_and_no_second_effect() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        List<String> items = List.of(item(unique("bt"), a, b, 30), item(unique("bt"), b, a, 10));
        Api.Response first = batch(items);
        long events = storedEvents();

        Api.Response again = batch(items);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(b)).isEqualTo(20);
    }

    @Test
    void post_batch_counts_an_item_that_repeats_an_applied_transfer_as_applied() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String single = unique("t");
        transfer(single, a, b, 70, "USD");

        Api.Response response = batch(List.of(item(single, a, b, 70), item(unique("bt"), a, b, 30)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("transfers").get(0).get("id").asText()).isEqualTo(single);
        assertThat(posted(a)).isZero();
        assertThat(posted(b)).isEqualTo(100);
    }

    @Test
    void post_batch_fails_with_409_naming_the_index_of_an_id_reused_with_other_fields() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String single = unique("t");
        transfer(single, a, b, 10, "USD");
        long events = storedEvents();

        Api.Response response = batch(List.of(item(unique("bt"), a, b, 5), item(single, a, b, 11)));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        assertThat(response.json().get("index").asInt()).isEqualTo(1);
        assertThat(response.json().get("fields").toString()).isEqualTo("[\"amount\"]");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_batch_fails_with_422_account_not_found_when_an_item_debits_another_owners_account() {
        String mine = openAccount("USD");
        String bobs = unique("acc");
        Api bob = anonymous.as(tokenFor("bob"));
        assertThat(bob.post("/api/v1/accounts", "{\"id\":\"%s\",\"ownerId\":\"bob\",\"currency\":\"USD\"}"
                .formatted(bobs)).status()).isEqualTo(201);
        deposit(bobs, unique("dep"), 100);
        long events = storedEvents();

        Api.Response response = batch(List.of(item(unique("bt"), bobs, mine, 10)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(response.json().get("index").asInt()).isZero();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(bobs)).isEqualTo(100);
    }

    @Test
    void post_batch_of_1000_transfers_applies_them_all_in_one_transaction() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            items.add(i % 2 == 0 ? item(unique("bk"), a, b, 2) : item(unique("bk"), b, a, 1));
        }
        long events = storedEvents();

        Api.Response response = batch(items);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("transfers")).hasSize(1_000);
        assertThat(storedEvents()).isEqualTo(events + 3_000);
        assertThat(posted(a)).isEqualTo(500);
        assertThat(posted(b)).isEqualTo(500);
    }

    @Test
    void post_batch_fails_with_400_when_it_holds_no_or_more_than_1000_transfers() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            items.add(item(unique("bk"), a, b, 1));
        }

        Api.Response tooMany = batch(items);
        Api.Response empty = batch(List.of());
        Api.Response missing = api.post("/api/v1/transfers/batch", "{}");

        for (Api.Response response : List.of(tooMany, empty, missing)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("transfers");
        }
    }

    @Test
    void post_batch_fails_with_400_naming_the_index_of_a_repeated_id() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        String id = unique("bt");

        Api.Response response = batch(List.of(item(id, a, b, 1), item(unique("bt"), a, b, 1), item(id, a, b, 1)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("index").asInt()).isEqualTo(2);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("transfers[2].id");
    }

    @Test
    void post_batch_fails_with_400_naming_the_invalid_field_of_an_item() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        String timeoutWithoutPending = item(unique("bt"), a, b, 1).replace("}", ",\"timeoutSeconds\":60}");
        String unknownField = item(unique("bt"), a, b, 1).replace("}", ",\"colour\":\"red\"}");
        String fractional = item(unique("bt"), a, b, 1).replace("\"amount\":1", "\"amount\":1.5");

        Api.Response invalidAmount = batch(List.of(item(unique("bt"), a, b, 1), item(unique("bt"), a, b, 0)));
        Api.Response timeoutItem = batch(List.of(timeoutWithoutPending));
        Api.Response unknown = batch(List.of(item(unique("bt"), a, b, 1), unknownField));
        Api.Response notAnInteger = batch(List.of(item(unique("bt"), a, b, 1), item(unique("bt"), a, b, 1), fractional));

        assertThat(invalidAmount.status()).isEqualTo(400);
        assertThat(invalidAmount.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalidAmount.json().get("errors").get(0).get("field").asText()).isEqualTo("transfers[1].amount");
        assertThat(timeoutItem.status()).isEqualTo(400);
        assertThat(timeoutItem.json().get("errors").get(0).get("field").asText()).isEqualTo("transfers[0].timeoutSeconds");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("transfers[1].colour");
        assertThat(notAnInteger.status()).isEqualTo(400);
        assertThat(notAnInteger.json().get("errors").get(0).get("field").asText()).isEqualTo("transfers[2].amount");
    }
}
