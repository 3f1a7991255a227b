package io.ledgerflow.query.web;

import io.ledgerflow.servicekit.web.FieldViolation;

import java.util.Map;

/**
 * The body of an admin action that takes none: absent, {@code null} or {@code {}}. A field is refused rather than
 * ignored, as on the command side: {@code {"projection":"accounts"}} must not start a rebuild of every projection
 * that its sender believes is a rebuild of one.
 */
public final class NoFieldsBody {

    private NoFieldsBody() {
    }

    public static void require(Map<String, Object> body) {
        if (body != null && !body.isEmpty()) {
            throw new RequestValidationException(body.keySet().stream().sorted()
                    .map(field -> new FieldViolation(field, "is not a field of this request"))
                    .toList());
        }
    }
}
