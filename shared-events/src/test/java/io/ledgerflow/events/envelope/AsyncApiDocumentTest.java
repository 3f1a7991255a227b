package io.ledgerflow.events.envelope;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ledgerflow.events.LedgerEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document as an outside consumer's tools read it: valid YAML, naming the topic and every published
 * event type, each message's payload listing exactly the fields the codec writes, nested objects included.
 */
class AsyncApiDocumentTest {

    private static final ObjectMapper CODEC = CloudEventCodec.defaultMapper();
    private static JsonNode document;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).isNotNull();
            document = new YAMLMapper().readTree(in);
        }
    }

    @Test
    void the_asyncapi_document_names_the_topic_every_event_type_and_every_cloudevents_extension() {
        assertThat(document.path("channels").path("ledgerEvents").path("address").asText())
                .isEqualTo(LedgerTopic.NAME);
        assertThat(messagesByName().keySet())
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map(EventTypes::typeOf).toList());
        JsonNode headers = document.at("/components/messageTraits/cloudEvent/headers/properties");
        for (String extension : new String[]{CloudEventAttributes.POSITION, CloudEventAttributes.SEQUENCE,
                CloudEventAttributes.CORRELATION_ID, CloudEventAttributes.CAUSATION_ID, CloudEventAttributes.PRINCIPAL,
                CloudEventAttributes.CLIENT_ID}) {
            assertThat(headers.has("ce_" + extension)).as("ce_" + extension).isTrue();
        }
    }

    @Test
    void every_payload_lists_exactly_the_fields_the_codec_writes() {
        Map<String, JsonNode> messages = messagesByName();
        List<String> differences = new ArrayList<>();
        for (Class<? extends LedgerEvent> type : EventTypes.ALL) {
            JsonNode payload = messages.get(EventTypes.typeOf(type)).path("payload");
            compare(EventTypes.typeOf(type), payload, CODEC.constructType(type), differences);
        }
        assertThat(differences).isEmpty();
    }

    private static void compare(String path, JsonNode schema, JavaType type, List<String> differences) {
        JsonNode resolved = resolve(schema);
        if (!resolved.has("properties") || type.isMapLikeType()) {
            return;
        }
        BeanDescription bean = CODEC.getSerializationConfig().introspect(type);
        Map<String, BeanPropertyDefinition> written = new HashMap<>();
        bean.findProperties().forEach(property -> written.put(property.getName(), property));
        Set<String> documented = new TreeSet<>();
        resolved.path("properties").fieldNames().forEachRemaining(documented::add);
        if (!documented.equals(new TreeSet<>(written.keySet()))) {
            differences.add(path + ": documented " + documented + ", written " + new TreeSet<>(written.keySet()));
            return;
        }
        resolved.path("required").forEach(required -> {
            if (!documented.contains(required.asText())) {
                differences.add(path + ": requires undocumented " + required.asText());
            }
        });
        written.forEach((name, property) -> compare(path + "." + name, resolved.path("properties").path(name),
                property.getPrimaryType(), differences));
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#") ? resolve(document.at(ref.substring(1))) : schema;
    }

    private static Map<String, JsonNode> messagesByName() {
        Map<String, JsonNode> byName = new HashMap<>();
        document.path("components").path("messages").forEach(message ->
                byName.put(message.path("name").asText(), message));
        return byName;
    }
}
