package io.ledgerflow.servicekit.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Every string in a request body, values and map keys alike, is well-formed Unicode. JSON can escape half of a
 * surrogate pair ({@code "\ud800"}), which Java keeps as a lone {@code char}; the event store keeps it too, but it
 * has no UTF-8 form, so Kafka's copy and every read shows U+FFFD instead, and a client that sends back what it read
 * is told the id exists with different fields. Refused here as 400, naming the field.
 * <p>
 * Only the web layer's mapper has this module: stored events are read by mappers of their own.
 */
public class WellFormedStrings extends SimpleModule {

    static final String REASON = "must be well-formed Unicode (it has an unpaired UTF-16 surrogate)";

    public WellFormedStrings() {
        super("WellFormedStrings");
        addDeserializer(String.class, new Values());
        addKeyDeserializer(String.class, new Keys());
    }

    /** Whether every surrogate in {@code text} is half of a pair, in order. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String checked(String text, JsonParser parser) throws JsonMappingException {
        if (text != null && !isWellFormed(text)) {
            throw JsonMappingException.from(parser, REASON);
        }
        return text;
    }

    /** Jackson's own string reading (coercions included), then the check. */
    private static final class Values extends StdScalarDeserializer<String> {

        Values() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(StringDeserializer.instance.deserialize(parser, context), parser);
        }
    }

    private static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser());
        }
    }
}
