package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An optional field sent as {@code null} is the field left out: a client may send back what it read, where absent
 * values are written as {@code null}. A required one is refused.
 */
class NullOptionalFieldsApiTest extends CommandServiceTest {

    @Test
    void open_with_every_optional_field_null_gets_the_defaults_and_a_repeat_without_them_is_200() {
        String id = unique("acc");

        Api.Response opened = api.post("/api/v1/accounts", """
                {"id":"%s","currency":"USD","ownerId":null,"code":null,"overdraftLimit":null,"metadata":null}"""
                .formatted(id));
        Api.Response repeat = api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(id));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().path("ownerId").asText()).isEqualTo("alice");
        assertThat(opened.json().path("overdraftLimit").asLong()).isZero();
        assertThat(opened.json().path("metadata").isEmpty()).isTrue();
        assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
    }

    @Test
    void transfer_with_optional_fields_null_is_single_phase_and_a_repeat_naming_them_null_is_200() {
        String from = openAccount("USD");
        String to = openAccount("USD");
        deposit(from, unique("dep"), 1_000);
        String id = unique("t");
        String plain = "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":100,\"currency\":\"USD\""
                .formatted(id, from, to);

        Api.Response posted = api.post("/api/v1/transfers",
                plain + ",\"reference\":null,\"metadata\":null,\"pending\":null,\"timeoutSeconds\":null}");
        Api.Response repeat = api.post("/api/v1/transfers", plain + "}");

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().path("status").asText()).isEqualTo("POSTED");
        assertThat(posted.json().path("pending").asBoolean()).isFalse();
        assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
        assertThat(posted(from)).isEqualTo(900);
    }

    @Test
    void post_fails_with_400_naming_the_field_when_a_required_field_is_null() {
        String from = openAccount("USD");
        long events = storedEvents();

        Api.Response refused = api.post("/api/v1/transfers", """
                {"id":null,"debitAccountId":"%s","creditAccountId":"x","amount":1,"currency":"USD"}""".formatted(from));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("id");
        assertThat(storedEvents()).isEqualTo(events);
    }
}
