package io.ledgerflow.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The few JSON reads the harness needs, through Jackson. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper WHOLE_TEXT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** A top-level string field of an object, if there is one. */
    public static Optional<String> stringField(String json, String name) {
        JsonNode value = tree(json).get(name);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** A top-level integer field of an object, if there is one. */
    public static Optional<Long> longField(String json, String name) {
        JsonNode value = tree(json).get(name);
        return value != null && value.isIntegralNumber() ? Optional.of(value.asLong()) : Optional.empty();
    }

    /** The JSON value that starts at {@code offset}; whatever follows it (the rest of a JS file) is ignored. */
    public static Object parseAt(String text, int offset) {
        try (JsonParser parser = MAPPER.createParser(text.substring(offset))) {
            return parser.readValueAs(Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON at offset " + offset + ": " + e.getMessage(), e);
        }
    }

    /** The whole text as one JSON value: maps, lists, strings, numbers, booleans. */
    public static Object parse(String json) {
        try {
            return WHOLE_TEXT.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
