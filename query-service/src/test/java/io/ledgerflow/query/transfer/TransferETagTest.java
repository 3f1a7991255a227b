package io.ledgerflow.query.transfer;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_TO_BOB;
import static io.ledgerflow.query.support.LedgerFixture.BOB_TO_CAROL;
import static org.assertj.core.api.Assertions.assertThat;

/** The fixture's transfers are single-phase: one event each, version 1. */
class TransferETagTest extends QueryServiceTest {

    @Test
    void a_transfer_carries_its_version_as_etag_and_a_matching_if_none_match_is_304() {
        Api viewer = as("viewer");

        Api.Response transfer = viewer.get("/api/v1/transfers/" + ALICE_TO_BOB);
        Api.Response notModified = viewer.with("If-None-Match", "\"1\"").get("/api/v1/transfers/" + ALICE_TO_BOB);
        Api.Response stale = viewer.with("If-None-Match", "\"0\"").get("/api/v1/transfers/" + ALICE_TO_BOB);

        assertThat(transfer.status()).isEqualTo(200);
        assertThat(transfer.header("ETag")).isEqualTo("\"1\"");
        assertThat(transfer.json().has("version")).as("the version is not part of the representation").isFalse();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo("\"1\"");
        assertThat(notModified.header("Cache-Control")).isEqualTo("no-store");
        assertThat(notModified.body()).isNullOrEmpty();
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.json().get("id").asText()).isEqualTo(ALICE_TO_BOB);
    }

    @Test
    void if_none_match_star_is_304_for_a_transfer_that_exists_and_404_for_one_that_does_not() {
        Api viewer = as("viewer");

        Api.Response any = viewer.with("If-None-Match", "*").get("/api/v1/transfers/" + ALICE_TO_BOB);
        Api.Response listed = viewer.with("If-None-Match", "\"7\", *").get("/api/v1/transfers/" + ALICE_TO_BOB);
        Api.Response missing = viewer.with("If-None-Match", "*").get("/api/v1/transfers/no-such-transfer");

        assertThat(any.status()).isEqualTo(304);
        assertThat(any.header("ETag")).isEqualTo("\"1\"");
        assertThat(any.body()).isNullOrEmpty();
        assertThat(listed.status()).isEqualTo(304);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void a_conditional_request_for_a_transfer_out_of_scope_reveals_nothing() {
        Api.Response response = as("alice").with("If-None-Match", "\"1\"").get("/api/v1/transfers/" + BOB_TO_CAROL);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(response.header("ETag")).isNull();
    }
}
