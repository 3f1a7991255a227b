package io.ledgerflow.query.admin;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin actions take no body, or {@code {}}, as the command side's account actions do: a field is refused and
 * starts nothing, rather than being ignored by an action its sender believed it narrowed.
 */
class AdminActionBodyApiTest extends QueryServiceTest {

    private static final String REBUILD = "/api/v1/admin/projections/rebuild";
    private static final String RETRY = "/api/v1/admin/dead-letters/0-424242/retry";

    private Api admin;

    @BeforeEach
    void admin() {
        admin = as("admin");
    }

    @Test
    void post_rebuild_fails_with_400_naming_each_field_and_starts_nothing() {
        String before = admin.get("/api/v1/admin/projections").json().path("rebuild").toString();

        Api.Response refused = admin.post(REBUILD, "{\"projection\":\"accounts\",\"from\":0}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("from", "projection");
        assertThat(admin.get("/api/v1/admin/projections").json().path("rebuild").toString()).isEqualTo(before);
    }

    @Test
    void post_retry_fails_with_400_for_a_field_and_takes_an_empty_object_or_no_body() {
        Api.Response refused = admin.post(RETRY, "{\"force\":true}");
        Api.Response emptyObject = admin.post(RETRY, "{}");
        Api.Response noBody = admin.call("POST", RETRY, null, null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("force");
        // past the body: the id names no dead letter
        assertThat(emptyObject.code()).as(emptyObject.body()).isEqualTo("DEAD_LETTER_NOT_FOUND");
        assertThat(noBody.code()).as(noBody.body()).isEqualTo("DEAD_LETTER_NOT_FOUND");
    }

    @Test
    void post_admin_actions_refuse_a_body_that_is_not_a_json_object() {
        for (String path : new String[] {REBUILD, RETRY}) {
            Api.Response array = admin.post(path, "[\"accounts\"]");
            Api.Response text = admin.post(path, "accounts", "text/plain");

            assertThat(array.status()).as(path + " " + array.body()).isEqualTo(400);
            assertThat(array.json().path("errors").findValuesAsText("message")).containsExactly("must be an object");
            assertThat(text.status()).as(path + " " + text.body()).isEqualTo(415);
        }
    }

    /** A probe found {@code null} read as "no body": it started a rebuild of everything. */
    @Test
    void post_admin_actions_fail_with_400_for_the_json_literal_null_and_start_nothing() {
        String before = admin.get("/api/v1/admin/projections").json().path("rebuild").toString();

        for (String path : new String[] {REBUILD, RETRY}) {
            Api.Response refused = admin.post(path, "null");

            assertThat(refused.status()).as(path + " " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("body");
            assertThat(refused.json().path("errors").findValuesAsText("message")).containsExactly("must be an object");
        }
        assertThat(admin.get("/api/v1/admin/projections").json().path("rebuild").toString()).isEqualTo(before);
    }

    @Test
    void post_admin_actions_name_the_body_when_it_is_not_readable_json() {
        for (String path : new String[] {REBUILD, RETRY}) {
            for (String unreadable : new String[] {"{", "nope", "[".repeat(5_000)}) {
                Api.Response refused = admin.post(path, unreadable);

                assertThat(refused.status()).as(path + " " + unreadable.length()).isEqualTo(400);
                assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
                assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("body");
            }
        }
    }
}
