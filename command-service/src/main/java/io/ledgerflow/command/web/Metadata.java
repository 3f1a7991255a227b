package io.ledgerflow.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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

    class Validator implements ConstraintValidator<Metadata, Map<String, String>> {

        @Override
        public boolean isValid(Map<String, String> value, ConstraintValidatorContext context) {
            return value == null || value.size() <= 32 && value.entrySet().stream().allMatch(e ->
                    printable(e.getKey()) && !e.getKey().isEmpty() && MaxCharacters.Validator.atMost(e.getKey(), 64)
                            && e.getValue() != null && printable(e.getValue())
                            && MaxCharacters.Validator.atMost(e.getValue(), 512));
        }

        private static boolean printable(String text) {
            return Printable.Validator.isPrintable(text);
        }
    }
}
