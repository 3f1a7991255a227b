package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON may escape half a surrogate pair; such a string has no UTF-8 form, so it is refused before it is stored. So
 * are control, line separator, bidirectional formatting and invisible characters in text shown to others.
 */
class UnpairedSurrogateApiTest extends CommandServiceTest {

    /** A funded account, and another to move money to. */
    private String a;
    private String b;

    @BeforeEach
    void two_accounts_the_first_funded() {
        a = openAccount("USD");
        b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
    }

    @Test
    void post_fails_with_400_naming_the_field_when_a_reference_has_a_lone_surrogate() {
        long events = storedEvents();

        Api.Response refused = api.post("/api/v1/transfers", body(unique("t"), a, b, "\"reference\":\"x\\ud800y\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("reference");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_fails_with_400_when_a_metadata_value_or_key_has_a_lone_surrogate() {
        Api.Response value = api.post("/api/v1/transfers", body(unique("t"), a, b, "\"metadata\":{\"k\":\"\\udc00\"}"));
        Api.Response key = api.post("/api/v1/transfers", body(unique("t"), a, b, "\"metadata\":{\"\\ud83d\":\"v\"}"));
        Api.Response reversed = api.post("/api/v1/transfers",
                body(unique("t"), a, b, "\"reference\":\"\\ude00\\ud83d\""));

        assertThat(value.status()).isEqualTo(400);
        assertThat(value.json().at("/errors/0/field").asText()).startsWith("metadata");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(posted(a)).isEqualTo(1_000);
    }

    @Test
    void post_fails_with_400_when_a_reference_or_metadata_value_has_a_control_or_bidi_formatting_character() {
        long events = storedEvents();

        Api.Response nul = api.post("/api/v1/transfers", body(unique("t"), a, b, "\"reference\":\"a\\u0000b\""));
        Api.Response override = api.post("/api/v1/transfers", body(unique("t"), a, b, "\"reference\":\"\\u202eevil\""));
        Api.Response isolate = api.post("/api/v1/transfers",
                body(unique("t"), a, b, "\"metadata\":{\"note\":\"x\\u2067y\"}"));
        Api.Response deposit = anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + a + "/deposits",
                "{\"id\":\"%s\",\"amount\":1,\"reference\":\"\\u202dx\"}".formatted(unique("dep")));

        for (Api.Response refused : List.of(nul, override, isolate, deposit)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(override.json().at("/errors/0/field").asText()).isEqualTo("reference");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_fails_with_400_when_a_reference_or_metadata_value_has_a_line_separator_or_an_invisible_character() {
        long events = storedEvents();

        List<Api.Response> refused = List.of(
                api.post("/api/v1/transfers", body(unique("t"), a, b, "\"reference\":\"rent\\u2028paid\"")),
                api.post("/api/v1/transfers", body(unique("t"), a, b, "\"reference\":\"rent\\u2029\"")),
                api.post("/api/v1/transfers", body(unique("t"), a, b, "\"reference\":\"\\ufeffinvoice-7\"")),
                api.post("/api/v1/transfers", body(unique("t"), a, b, "\"reference\":\"invoice\\u200b-7\"")),
                api.post("/api/v1/transfers", body(unique("t"), a, b, "\"metadata\":{\"note\":\"x\\u2060y\"}")));

        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(refused.get(0).json().at("/errors/0/field").asText()).isEqualTo("reference");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void joiners_that_emoji_and_scripts_need_are_kept() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";

        Api.Response posted = api.post("/api/v1/transfers", body(unique("t"), a, b,
                "\"reference\":\"%s %s\"".formatted(family, persian)));

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().get("reference").asText()).isEqualTo(family + " " + persian);
    }

    @Test
    void a_surrogate_pair_is_one_character_and_is_kept() {
        Api.Response posted = api.post("/api/v1/transfers",
                body(unique("t"), a, b, "\"reference\":\"\\ud83d\\ude00 \\u20ac\",\"metadata\":{\"\\ud83d\\ude00\":\"\\ud83d\\ude00\"}"));

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("reference").asText()).isEqualTo("\uD83D\uDE00 \u20AC");
        assertThat(posted.json().at("/metadata/\uD83D\uDE00").asText()).isEqualTo("\uD83D\uDE00");
    }

    private static String body(String id, String from, String to, String extra) {
        return ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":100,\"currency\":\"USD\","
                + "%s}").formatted(id, from, to, extra);
    }
}
