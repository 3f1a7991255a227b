package io.ledgerflow.events.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A JSON encoding that does not depend on who wrote the document: object members sorted by name (as Java compares
 * strings: by UTF-16 code units), no whitespace, numbers as parsed, strings escaped as {@link #FACTORY} says. Two
 * parties holding the same JSON value produce the same bytes.
 * <p>
 * Written straight to the output in sorted order, not through a sorted copy of the tree: the hash chain encodes
 * every stored event this way, so the copy was a cost paid per event.
 */
public final class CanonicalJson {

    /**
     * Every stored chain link was computed with these bytes, so the features that choose them are named, not left to
     * Jackson's defaults (Jackson 3 escapes {@code /} and combines surrogates by default): a string is UTF-8 except
     * the quote and the backslash (escaped with a backslash), controls below U+0020 (the short escapes b, t, n, f, r,
     * others as backslash-u and four hex digits) and each UTF-16 surrogate of a character above U+FFFF (U+1F600 as
     * backslash-u D83D, backslash-u DE00), in upper-case hex. Names are sorted as Java compares strings.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    /** Writes the scalars this class does not write itself (floating point, decimals), as Jackson's defaults do. */
    private static final JsonMapper SCALARS = JsonMapper.builder(FACTORY)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).build();

    private CanonicalJson() {
    }

    public static byte[] encode(JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = generator(out)) {
            write(value, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value, e);
        }
        return out.toByteArray();
    }

    /** A generator for canonical output; closing it flushes to {@code out} and leaves {@code out} open. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** Writes {@code value} canonically ({@code null} as JSON null). */
    static void write(JsonNode value, JsonGenerator generator) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value.isObject()) {
            generator.writeStartObject();
            for (String name : sortedNames(value)) {
                generator.writeFieldName(name);
                write(value.get(name), generator);
            }
            generator.writeEndObject();
        } else if (value.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : value) {
                write(element, generator);
            }
            generator.writeEndArray();
        } else if (value.isTextual()) {
            generator.writeString(value.textValue());
        } else if (value.isInt()) {
            generator.writeNumber(value.intValue());
        } else if (value.isLong()) {
            generator.writeNumber(value.longValue());
        } else if (value.isBoolean()) {
            generator.writeBoolean(value.booleanValue());
        } else if (value.isNull()) {
            generator.writeNull();
        } else {
            SCALARS.writeTree(generator, value);
        }
    }

    private static String[] sortedNames(JsonNode object) {
        String[] names = new String[object.size()];
        Iterator<String> fields = object.fieldNames();
        for (int i = 0; i < names.length; i++) {
            names[i] = fields.next();
        }
        Arrays.sort(names);
        return names;
    }
}
