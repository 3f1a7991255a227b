package io.ledgerflow.events.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.LedgerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of each event is a contract with every consumer of the topic: a change that breaks these files
 * needs a new {@code @Revision} (and an upcaster), not an edit of the file.
 */
class EventJsonContractTest {

    private static final ObjectMapper JSON = CloudEventCodec.defaultMapper();
    static final List<LedgerEvent> EXAMPLES = EventExamples.ALL;

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void each_event_serializes_to_its_contract_file(LedgerEvent event) throws IOException {
        JsonNode expected = contract(event.getClass().getSimpleName());

        JsonNode actual = JSON.readTree(JSON.writeValueAsString(event));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void each_contract_file_reads_back_into_the_same_event(LedgerEvent event) throws IOException {
        JsonNode contract = contract(event.getClass().getSimpleName());

        assertThat(JSON.treeToValue(contract, event.getClass())).isEqualTo(event);
    }

    @Test
    void every_published_type_has_an_example() {
        assertThat(EXAMPLES.stream().map(Object::getClass).toList()).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    private static JsonNode contract(String name) throws IOException {
        try (InputStream in = EventJsonContractTest.class.getResourceAsStream("/contract/" + name + ".json")) {
            assertThat(in).as("contract file for " + name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
