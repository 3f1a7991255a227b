package io.ledgerflow.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The body of an admin action that takes none: absent or {@code {}}. A field is refused rather than ignored, as on
 * the command side: {@code {"projection":"accounts"}} must not start a rebuild of every projection that its sender
 * believes is a rebuild of one. Any other JSON value, the literal {@code null} included, is not "no body" either.
 */
public final class NoFieldsBody {

    private NoFieldsBody() {
    }

    /** @param body null when the request has none */
    public static void require(JsonNode body) {
        if (body == null) {
            return;
        }
        if (!body.isObject()) {
            throw new RequestValidationException(List.of(new FieldViolation("body", "must be an object")));
        }
        if (!body.isEmpty()) {
            throw new RequestValidationException(StreamSupport.stream(
                            ((Iterable<String>) body::fieldNames).spliterator(), false).sorted()
                    .map(field -> new FieldViolation(field, "is not a field of this request"))
                    .toList());
        }
    }
}
