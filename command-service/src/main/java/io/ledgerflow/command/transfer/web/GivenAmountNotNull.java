package io.ledgerflow.command.transfer.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.util.AccessPattern;

import java.io.IOException;

/**
 * An optional amount that may be absent but not {@code null}: Jackson reads both as null unless told apart, and
 * for a partial post "absent" means "all of it".
 */
final class GivenAmountNotNull extends StdDeserializer<Long> {

    GivenAmountNotNull() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return context.readValue(parser, Long.class);
    }

    @Override
    public Long getNullValue(DeserializationContext context) throws JsonMappingException {
        throw InvalidNullException.from(context, PropertyName.construct("amount"), context.constructType(Long.class));
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }

    @Override
    public AccessPattern getNullAccessPattern() {
        return AccessPattern.DYNAMIC;
    }
}
