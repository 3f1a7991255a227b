package io.ledgerflow.servicekit.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;

/**
 * A JSON number or boolean is not a string: {@code "id": 12} or {@code "id": true} is a client bug to report,
 * not something to turn quietly into {@code "12"}. (Strings to numbers are refused by
 * {@code allow-coercion-of-scalars=false}; this covers the other direction.)
 */
public class StrictJson implements Jackson2ObjectMapperBuilderCustomizer {

    @Override
    public void customize(org.springframework.http.converter.json.Jackson2ObjectMapperBuilder builder) {
        builder.postConfigurer(mapper -> {
            for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean}) {
                mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            }
        });
    }
}
