package io.ledgerflow.query.idempotency;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer no admin action produced (415 for the Content-Type, 404 for a path no endpoint has, 405) is not stored
 * for an {@code Idempotency-Key}: the key is released, and the corrected retry with the same key executes.
 */
class RefusedBeforeTheActionIsNotStoredApiTest extends QueryServiceTest {

    private static final String RETRY = "/api/v1/admin/dead-letters/no-such-record/retry";

    @Test
    void a_415_is_not_stored_and_the_retry_with_json_executes() {
        Api keyed = keyed();

        Api.Response refused = keyed.post(RETRY, "{}", "text/plain");
        Api.Response retried = keyed.post(RETRY, "{}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
        assertExecuted(retried);
    }

    @Test
    void a_404_for_an_unknown_path_is_not_stored_and_the_retry_on_the_right_path_executes() {
        Api keyed = keyed();

        Api.Response refused = keyed.post(RETRY + "/", null, null);
        Api.Response retried = keyed.post(RETRY, null, null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("NOT_FOUND");
        assertExecuted(retried);
    }

    @Test
    void a_405_is_not_stored_and_the_retry_with_the_right_path_executes() {
        Api keyed = keyed();

        Api.Response refused = keyed.post("/api/v1/admin/dead-letters", null, null);
        Api.Response retried = keyed.post(RETRY, null, null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(405);
        assertExecuted(retried);
    }

    private Api keyed() {
        return as("admin").with("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** The action ran: an unknown record is its own 404, not a replay nor a reused key. */
    private static void assertExecuted(Api.Response retried) {
        assertThat(retried.status()).as(retried.toString()).isEqualTo(404);
        assertThat(retried.code()).isEqualTo("DEAD_LETTER_NOT_FOUND");
        assertThat(retried.header("Idempotent-Replayed")).isNull();
    }
}
