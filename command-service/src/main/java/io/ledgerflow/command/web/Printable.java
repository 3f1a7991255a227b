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
 * Text that is stored for good and shown to others (a transfer's {@code reference} is shown to the payee): no
 * control characters (NUL, line breaks, escapes) and no bidirectional formatting characters, which make text
 * display in another order than it is stored ({@code "\u202Eevil"}). Emoji and their joiners are fine.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Printable.Validator.class)
public @interface Printable {

    String message() default "must not contain control or bidirectional formatting characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Printable, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPrintable(value);
        }

        public static boolean isPrintable(String text) {
            return text.chars().noneMatch(c -> Character.isISOControl(c) || isBidiFormatting(c));
        }

        private static boolean isBidiFormatting(int c) {
            return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069);
        }
    }
}
