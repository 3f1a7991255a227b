package io.ledgerflow.command.api;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAccountApiTest extends CommandServiceTest {

    @Test
    void post_opens_an_account_with_201_and_the_full_representation() {
        Api.Response response = api.post("/api/v1/accounts",
                "{\"id\":\"acc-open-1\",\"ownerId\":\"alice\",\"currency\":\"JPY\",\"code\":1100,\"metadata\":{\"k\":\"v\"}}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).contains("/api/v1/accounts/acc-open-1");
        var account = response.json();
        assertThat(account.get("id").asText()).isEqualTo("acc-open-1");
        assertThat(account.get("ownerId").asText()).isEqualTo("alice");
        assertThat(account.get("currency").asText()).isEqualTo("JPY");
        assertThat(account.get("code").asInt()).isEqualTo(1100);
        assertThat(account.get("status").asText()).isEqualTo("OPEN");
        assertThat(account.get("overdraftLimit").asLong()).isZero();
        assertThat(account.get("posted").asLong()).isZero();
        assertThat(account.get("available").asLong()).isZero();
        assertThat(account.get("version").asLong()).isEqualTo(1);
        assertThat(account.get("metadata").get("k").asText()).isEqualTo("v");
        assertThat(account.has("openedAt")).isTrue();
    }

    @Test
    void post_returns_200_and_records_nothing_when_the_same_account_is_opened_again() {
        String body = "{\"id\":\"acc-open-2\",\"ownerId\":\"alice\",\"currency\":\"USD\"}";
        assertThat(api.post("/api/v1/accounts", body).status()).isEqualTo(201);
        long events = storedEvents();

        Api.Response again = api.post("/api/v1/accounts", body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo("acc-open-2");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_fails_with_409_naming_the_fields_when_the_id_is_reused_with_different_fields() {
        api.post("/api/v1/accounts", "{\"id\":\"acc-open-3\",\"ownerId\":\"alice\",\"currency\":\"USD\"}");

        Api.Response conflict = api.post("/api/v1/accounts", "{\"id\":\"acc-open-3\",\"currency\":\"EUR\",\"code\":7}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.code()).isEqualTo("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        assertThat(conflict.json().get("fields").toString()).isEqualTo("[\"currency\",\"code\"]");
    }

    @Test
    void post_returns_200_for_the_same_opening_after_an_operator_changed_the_limit_and_409_for_the_limit_it_has_now() {
        String body = "{\"id\":\"acc-open-od\",\"currency\":\"USD\"}";
        assertThat(api.post("/api/v1/accounts", body).status()).isEqualTo(201);
        Api operator = anonymous.as(tokenFor("operator"));
        assertThat(operator.call("PUT", "/api/v1/accounts/acc-open-od/overdraft-limit", "{\"overdraftLimit\":100}",
                "application/json").status()).isEqualTo(200);
        long events = storedEvents();

        Api.Response again = api.post("/api/v1/accounts", body);
        Api.Response withTodaysLimit = operator.post("/api/v1/accounts",
                "{\"id\":\"acc-open-od\",\"ownerId\":\"alice\",\"currency\":\"USD\",\"overdraftLimit\":100}");

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("overdraftLimit").asLong()).as("the account as it stands").isEqualTo(100);
        assertThat(withTodaysLimit.status()).as("it was not opened with that limit").isEqualTo(409);
        assertThat(withTodaysLimit.json().get("fields").toString()).isEqualTo("[\"overdraftLimit\"]");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_fails_with_400_listing_every_invalid_field() {
        Api.Response response = api.post("/api/v1/accounts",
                "{\"id\":\"bad id!\",\"ownerId\":\"\",\"currency\":\"XYZ\",\"overdraftLimit\":-1}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("id", "ownerId", "currency", "overdraftLimit");
        assertThat(replayed("bad id!")).isEmpty();
    }

    /** Amounts are integers in the currency's minor unit: a code that has none cannot hold an amount. */
    @Test
    void post_fails_with_400_for_a_currency_code_without_a_minor_unit() {
        for (String currency : new String[]{"XXX", "XTS", "XAU", "XDR"}) {
            Api.Response response = api.post("/api/v1/accounts",
                    "{\"id\":\"%s\",\"currency\":\"%s\"}".formatted(unique("acc"), currency));

            assertThat(response.status()).as(currency + ": " + response.body()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("currency");
        }
        assertThat(api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"BHD\"}".formatted(unique("acc")))
                .status()).as("three places").isEqualTo(201);
    }

    @Test
    void post_fails_with_400_on_malformed_json_unknown_fields_and_wrong_types() {
        for (String body : new String[]{"{\"id\":", "[]", "{\"id\":\"x\",\"ownerId\":\"a\",\"currency\":\"USD\",\"extra\":1}",
                "{\"id\":\"x\",\"ownerId\":\"a\",\"currency\":\"USD\",\"overdraftLimit\":\"5\"}",
                "{\"id\":\"x\",\"id\":\"y\",\"ownerId\":\"a\",\"currency\":\"USD\"}"}) {
            Api.Response response = api.post("/api/v1/accounts", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(replayed("x")).isEmpty();
    }

    @Test
    void post_fails_with_415_for_a_body_that_is_not_json() {
        Api.Response response = api.post("/api/v1/accounts", "id=x", "application/x-www-form-urlencoded");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
}
