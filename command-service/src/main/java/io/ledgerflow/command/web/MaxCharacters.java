package io.ledgerflow.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * At most this many characters, counted as JSON Schema's {@code maxLength} counts them (code points): {@code @Size}
 * counts UTF-16 units, so a reference of 129 emoji, valid by the published schema's 256, was refused (a probe's
 * finding). Pair it with {@code @Schema(maxLength = …)} so that the schema says the same.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxCharacters.Validator.class)
public @interface MaxCharacters {

    int value();

    String message() default "must be at most {value} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MaxCharacters, String> {

        private int max;

        @Override
        public void initialize(MaxCharacters annotation) {
            max = annotation.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || atMost(value, max);
        }

        /** Whether {@code text} has at most {@code max} code points (a lone surrogate counts as one). */
        public static boolean atMost(String text, int max) {
            return text.length() <= max || text.codePointCount(0, text.length()) <= max;
        }
    }
}
