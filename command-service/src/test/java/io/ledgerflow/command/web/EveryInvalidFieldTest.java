package io.ledgerflow.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 400 names every invalid field, also when one of them stopped the JSON binding (a float amount, an unknown
 * field): INVALID_AMOUNT only when the amount alone is wrong. Messages say what a field must be, never a Java type.
 */
class EveryInvalidFieldTest extends CommandServiceTest {

    @Test
    void a_float_amount_beside_other_invalid_fields_is_validation_failed_naming_them_all() {
        Api.Response refused = transferBody("{\"id\":\"@bad\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\","
                + "\"currency\":\"usd\",\"amount\":1.5}");

        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(refused)).containsExactlyInAnyOrder("amount", "id", "currency");
        assertThat(message(refused, "amount")).isEqualTo("must be an integer");
    }

    @Test
    void an_unknown_field_beside_invalid_ones_names_them_all() {
        Api.Response refused = transferBody("{\"id\":\"@bad\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\","
                + "\"currency\":\"usd\",\"amount\":0,\"foo\":1}");

        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(refused)).containsExactlyInAnyOrder("foo", "id", "currency", "amount");
    }

    @Test
    void a_zero_amount_with_a_timeout_on_a_single_phase_transfer_names_both() {
        Api.Response refused = transferBody("{\"id\":\"t-1\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\","
                + "\"currency\":\"USD\",\"amount\":0,\"timeoutSeconds\":5}");

        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(refused)).containsExactlyInAnyOrder("amount", "timeoutSeconds");
    }

    @Test
    void a_float_amount_alone_is_invalid_amount() {
        Api.Response refused = transferBody("{\"id\":\"t-1\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\","
                + "\"currency\":\"USD\",\"amount\":1.5}");

        assertThat(refused.code()).isEqualTo("INVALID_AMOUNT");
        assertThat(fields(refused)).containsExactly("amount");
    }

    @Test
    void items_of_a_batch_are_named_with_their_index() {
        long events = storedEvents();

        Api.Response refused = api.post("/api/v1/transfers/batch", "{\"transfers\":["
                + "{\"id\":\"b-1\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\",\"currency\":\"USD\",\"amount\":2.5},"
                + "{\"id\":\"b-2\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\",\"currency\":\"usd\",\"amount\":1}]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).contains("transfers[0].amount", "transfers[1].currency");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void an_amount_beyond_every_integer_type_is_invalid_amount_out_of_range_however_many_digits() {
        for (String digits : List.of("9".repeat(26), "9".repeat(2_000))) {
            Api.Response refused = transferBody("{\"id\":\"x\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\","
                    + "\"currency\":\"USD\",\"amount\":" + digits + "}");

            assertThat(refused.code()).as(digits.length() + " digits").isEqualTo("INVALID_AMOUNT");
            assertThat(fields(refused)).containsExactly("amount");
            assertThat(message(refused, "amount")).isEqualTo("is out of range");
        }
    }

    @Test
    void an_overlong_number_in_a_batch_item_is_named_with_its_index() {
        Api.Response refused = api.post("/api/v1/transfers/batch", "{\"transfers\":["
                + "{\"id\":\"b-1\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\",\"currency\":\"USD\",\"amount\":1},"
                + "{\"id\":\"b-2\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\",\"currency\":\"USD\",\"amount\":"
                + "1".repeat(1_500) + "}]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("transfers[1].amount");
    }

    @Test
    void messages_name_no_java_type() {
        for (String body : List.of("[]", "{\"id\":\"x\",\"currency\":\"USD\",\"status\":\"FROZEN\"}",
                "{\"id\":\"x\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\",\"currency\":\"USD\",\"amount\":\"100\"}",
                "{\"id\":\"x\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\",\"currency\":\"USD\",\"amount\":"
                        + "99999999999999999999999999}",
                "{\"id\":\"x\",\"debitAccountId\":\"a1\",\"creditAccountId\":\"a2\",\"currency\":\"USD\",\"amount\":1,"
                        + "\"metadata\":{\"k\":{\"nested\":1}}}")) {
            Api.Response refused = transferBody(body);

            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).doesNotContain("java.", "io.ledgerflow", "`", "Jackson", "Coercion",
                    "range of long", "9223372036854775807");
        }
    }

    private Api.Response transferBody(String body) {
        long events = storedEvents();
        Api.Response response = api.post("/api/v1/transfers", body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(events);
        return response;
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static String message(Api.Response response, String field) {
        for (JsonNode error : response.json().path("errors")) {
            if (error.path("field").asText().equals(field)) {
                return error.path("message").asText();
            }
        }
        return null;
    }
}
