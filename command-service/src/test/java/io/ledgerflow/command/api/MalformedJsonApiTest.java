package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that is not JSON is refused as a whole, wherever the parser stopped. When it broke inside a string (the
 * body cut short there, a raw line break, a bad escape) or inside a nested object, the answer named that field with
 * the parser's own message ("Unexpected end-of-input in VALUE_STRING"), as if the field alone were wrong.
 */
class MalformedJsonApiTest extends CommandServiceTest {

    @Test
    void post_fails_with_400_naming_the_body_wherever_the_json_breaks() {
        String start = "{\"id\":\"" + unique("t") + "\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\","
                + "\"amount\":1,\"currency\":";
        Map<String, String> transfers = Map.ofEntries(
                Map.entry("cut short inside a string", start + "\"US"),
                Map.entry("a raw line break inside a string", start + "\"US\nD\"}"),
                Map.entry("a raw tab inside a string", start + "\"US\tD\"}"),
                Map.entry("a bad escape", start + "\"US\\xD\"}"),
                Map.entry("a bad unicode escape", start + "\"US\\u12G4\"}"),
                Map.entry("an unterminated metadata object", start + "\"USD\",\"metadata\":{\"a\":\"b\""),
                Map.entry("a truncated literal", start + "\"USD\",\"pending\":tru}"),
                Map.entry("cut short after an amount of the wrong type", "{\"amount\":\"abc\""),
                Map.entry("cut short after a nested object of the wrong type",
                        start + "\"USD\",\"metadata\":{\"k\":{\"x\":"),
                Map.entry("an array never closed", "["),
                Map.entry("a second value after the object", start + "\"USD\"}{}"));
        List<String> failures = new ArrayList<>();
        long events = storedEvents();

        transfers.forEach((name, body) -> check(name, api.post("/api/v1/transfers", body), failures));
        check("a batch cut short inside an item", api.post("/api/v1/transfers/batch",
                "{\"transfers\":[{\"id\":\"x\",\"amount\":1"), failures);
        check("an account cut short inside a string", api.post("/api/v1/accounts",
                "{\"id\":\"" + unique("a") + "\",\"currency\":\"US"), failures);
        check("a void with a bad escape", api.post("/api/v1/transfers/" + unique("t") + "/void",
                "{\"reference\":\"\\q\"}"), failures);

        assertThat(failures).isEmpty();
        assertThat(storedEvents()).isEqualTo(events);
    }

    private static void check(String name, Api.Response refused, List<String> failures) {
        boolean bodyNamed = refused.status() == 400 && "VALIDATION_FAILED".equals(refused.code())
                && refused.json().path("errors").size() == 1
                && "body".equals(refused.json().at("/errors/0/field").asText())
                && "is not readable JSON".equals(refused.json().at("/errors/0/message").asText());
        if (!bodyNamed) {
            failures.add(name + " -> " + refused);
        }
    }
}
