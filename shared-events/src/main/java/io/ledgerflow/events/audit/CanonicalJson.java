package io.ledgerflow.events.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A JSON encoding that does not depend on who wrote the document: object members sorted by name, no whitespace,
 * numbers as parsed. Two parties holding the same JSON value produce the same bytes.
 */
public final class CanonicalJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalJson() {
    }

    public static byte[] encode(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    static JsonNode sorted(JsonNode value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> fields = value.fieldNames();
            fields.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                result.set(name, sorted(value.get(name)));
            }
            return result;
        }
        if (value.isArray()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return value;
    }
}
