package io.ledgerflow.query.web;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read answers only what it was asked: a misspelled filter ({@code ownerid} for {@code ownerId}) listed every
 * owner's accounts as if it were the filtered list. A parameter the endpoint does not take is refused, naming it;
 * the consistency parameters, which every read takes, still work.
 */
class UnknownReadParametersApiTest extends QueryServiceTest {

    @Test
    void get_fails_with_400_naming_a_parameter_the_endpoint_does_not_take() {
        Api viewer = as("viewer");

        Api.Response misspelled = viewer.get("/api/v1/accounts?ownerid=alice");
        Api.Response totals = viewer.get("/api/v1/dashboard/totals?currency=USD");
        Api.Response taken = viewer.get("/api/v1/accounts?ownerId=alice&consistencyTimeoutMs=0");
        Api.Response everywhere = viewer.get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=0");

        assertThat(misspelled.status()).as(misspelled.body()).isEqualTo(400);
        assertThat(misspelled.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(misspelled.json().path("errors").findValuesAsText("field")).containsExactly("ownerid");
        assertThat(totals.status()).as(totals.body()).isEqualTo(400);
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.json().path("items").findValuesAsText("ownerId")).allMatch("alice"::equals);
        assertThat(everywhere.status()).isEqualTo(200);
    }

    /** Spring joined a repeated parameter with commas: twice alice's id listed an owner called "alice,alice". */
    @Test
    void get_fails_with_400_naming_a_parameter_given_twice() {
        Api viewer = as("viewer");

        Api.Response twiceOwner = viewer.get("/api/v1/accounts?ownerId=alice&ownerId=alice");
        Api.Response twiceStatus = viewer.get("/api/v1/transfers?status=POSTED&status=POSTED");
        Api.Response twiceToken = viewer.get("/api/v1/accounts/" + ALICE_ACCOUNT
                + "?consistencyTimeoutMs=0&consistencyTimeoutMs=0");
        Api.Response once = viewer.get("/api/v1/accounts?ownerId=alice&currency=USD");

        for (Api.Response refused : List.of(twiceOwner, twiceStatus, twiceToken)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            // every validation problem has the one title (some had "Bad Request": a probe's finding)
            assertThat(refused.json().path("title").asText()).isEqualTo("Validation failed");
        }
        assertThat(twiceOwner.json().path("errors").findValuesAsText("field")).containsExactly("ownerId");
        assertThat(twiceStatus.json().path("errors").findValuesAsText("field")).containsExactly("status");
        assertThat(once.status()).isEqualTo(200);
        assertThat(once.json().path("items").findValuesAsText("ownerId")).isNotEmpty().allMatch("alice"::equals);
    }
}
