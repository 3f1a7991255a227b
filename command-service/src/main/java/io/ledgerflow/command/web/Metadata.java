package io.ledgerflow.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Small string maps: at most 32 entries, keys 1–64 characters, values up to 512 (characters as {@link MaxCharacters}
 * counts them), all {@link Printable}.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Metadata.Validator.class)
public @interface Metadata {

    String message() default "must have at most 32 entries, keys of 1-64 and values of at most 512 printable characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * What 32 entries of ASCII at their longest take: the limits in characters let 4-byte characters make metadata four
     * times as large, and every copy of an event (stored, published, cached in an aggregate, read back in batches)
     * with it; one client filled the service's memory with such accounts.
     */
    int MAX_UTF8_BYTES = 32 * (64 + 512);

    class Validator implements ConstraintValidator<Metadata, Map<String, String>> {

        @Override
        public boolean isValid(Map<String, String> value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            // named where it is wrong: a value by its key (metadata.<key>), as the docs promise; the map itself for
            // too many entries or a bad key, which is not echoed back
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (value.size() > 32) {
                valid = refuse(context, null, "must have at most 32 entries");
            }
            boolean keysValid = value.keySet().stream().allMatch(key -> key != null && !key.isEmpty()
                    && printable(key) && MaxCharacters.Validator.atMost(key, 64));
            if (!keysValid) {
                valid = refuse(context, null, "keys must be 1-64 printable characters");
            }
            if (keysValid && utf8Bytes(value) > MAX_UTF8_BYTES) {
                valid = refuse(context, null, "must take at most " + MAX_UTF8_BYTES
                        + " bytes of UTF-8 in all, keys and values together");
            }
            for (Map.Entry<String, String> entry : value.entrySet()) {
                String text = entry.getValue();
                if (keysValid && text == null) {
                    valid = refuse(context, entry.getKey(), "must be a string");
                } else if (keysValid && (!printable(text) || !MaxCharacters.Validator.atMost(text, 512))) {
                    valid = refuse(context, entry.getKey(), "must be at most 512 printable characters");
                }
            }
            return valid;
        }

        static long utf8Bytes(Map<String, String> metadata) {
            long bytes = 0;
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length
                        + (entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length);
            }
            return bytes;
        }

        private static boolean refuse(ConstraintValidatorContext context, String key, String message) {
            ConstraintValidatorContext.ConstraintViolationBuilder violation =
                    context.buildConstraintViolationWithTemplate(message);
            if (key == null) {
                violation.addConstraintViolation();
            } else {
                violation.addPropertyNode(key).addConstraintViolation();
            }
            return false;
        }

        private static boolean printable(String text) {
            return Printable.Validator.isPrintable(text);
        }
    }
}
