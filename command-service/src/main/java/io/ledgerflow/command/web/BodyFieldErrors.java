package io.ledgerflow.command.web;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerflow.servicekit.web.FieldViolation;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Validator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every invalid field of a body Jackson could not bind, not only the first: each field it stops at is noted and
 * taken out of the body, which is bound again until it binds; then what is left is validated as a bound body is.
 * Messages name what the field must be, never a Java type. Each round binds the whole body again, so a body over
 * {@link #LARGEST_BODY} (a large batch) and faults past {@link #MOST_ROUNDS} get the first ones only: a refused
 * request must not cost many times what an accepted one does.
 */
public final class BodyFieldErrors {

    static final String OUT_OF_RANGE = "is out of range";
    static final int MOST_ROUNDS = 16;
    static final int LARGEST_BODY = 64 * 1024;

    private final ObjectMapper json;
    private final Validator validator;

    public BodyFieldErrors(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** One invalid field, and whether it is one the request does not have. */
    public record Found(FieldViolation violation, boolean unknownField) {
    }

    /** Empty when the body is not a JSON object this can take apart (then the first error is all there is). */
    public List<Found> of(BufferedBody.Read body) {
        if (body.bytes().length > LARGEST_BODY) {
            return List.of();
        }
        JsonNode tree;
        try {
            tree = json.readTree(body.bytes());
        } catch (IOException e) {
            return List.of();
        }
        JavaType type = json.constructType(body.type());
        Map<String, Found> found = new LinkedHashMap<>();
        for (int round = 0; round < MOST_ROUNDS; round++) {
            try {
                Object bound = json.treeToValue(tree, type);
                if (bound == null) {
                    return List.copyOf(found.values());
                }
                validated(bound).forEach(violation -> found.putIfAbsent(violation.field(), new Found(violation, false)));
                return List.copyOf(found.values());
            } catch (JsonMappingException e) {
                if (e.getPath().isEmpty()) {
                    return List.copyOf(found.values());
                }
                String field = fieldPath(e.getPath());
                found.putIfAbsent(field, new Found(new FieldViolation(field, reason(e)),
                        e instanceof UnrecognizedPropertyException));
                if (!removed(tree, e.getPath())) {
                    return List.copyOf(found.values());
                }
            } catch (IOException | IllegalArgumentException e) {
                return List.copyOf(found.values());
            }
        }
        return List.copyOf(found.values());
    }

    private List<FieldViolation> validated(Object bound) {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(bound, "request");
        validator.validate(bound, result);
        List<FieldViolation> violations = new ArrayList<>();
        result.getFieldErrors().forEach(error -> violations.add(new FieldViolation(error.getField(),
                error.getDefaultMessage())));
        if (bound instanceof CrossFieldChecked checked) {
            violations.addAll(checked.crossFieldViolations());
        }
        return violations;
    }

    /** Takes the field out of its object; false when it is an array's element, which cannot go without shifting. */
    private static boolean removed(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode parent = tree;
        for (JsonMappingException.Reference step : path.subList(0, path.size() - 1)) {
            parent = step.getFieldName() != null ? parent.get(step.getFieldName()) : parent.get(step.getIndex());
            if (parent == null) {
                return false;
            }
        }
        String last = path.get(path.size() - 1).getFieldName();
        return last != null && parent instanceof ObjectNode object && object.remove(last) != null;
    }

    /** As bean validation names fields: {@code transfers[3].amount}. */
    public static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.length() > 0 ? "." : "").append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** What the field must be, in the API's words. */
    public static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e.getCause() instanceof InputCoercionException) {
            return OUT_OF_RANGE; // Jackson's words name Java's bounds ("out of range of long (-9223372036854775808 - …")
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (Number.class.isAssignableFrom(target) || target == long.class || target == int.class) {
                return "must be an integer";
            }
            if (target == String.class) {
                return "must be a string";
            }
            if (target == Boolean.class || target == boolean.class) {
                return "must be true or false";
            }
            if (Collection.class.isAssignableFrom(target) || target.isArray()) {
                return "must be an array";
            }
            if (Map.class.isAssignableFrom(target)) {
                return "must be an object of strings";
            }
            return "must be an object";
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        // Jackson's own messages name Java types (`java.lang.Long`); ours (WellFormedStrings) do not
        return message.isBlank() || message.contains("`") || message.length() > 200 ? "is not valid" : message;
    }
}
