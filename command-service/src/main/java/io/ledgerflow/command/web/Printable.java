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
 * control characters (NUL, line breaks, escapes), nor Unicode's own line and paragraph separators (U+2028, U+2029:
 * line breaks too, in logs, CSV exports and JavaScript), no bidirectional formatting characters, which make text
 * display in another order than it is stored ({@code "\u202Eevil"}), and no characters that show as nothing
 * (U+200B zero width space, U+2060 word joiner, U+FEFF zero width no-break space), which make two different texts
 * look the same. Emoji and their joiners are fine, as is the zero width non-joiner that Persian and Indic scripts
 * need (U+200C, U+200D).
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Printable.Validator.class)
public @interface Printable {

    String message() default "must not contain control, line separator, bidirectional formatting or invisible characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Printable, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPrintable(value);
        }

        public static boolean isPrintable(String text) {
            return text.chars().noneMatch(c -> Character.isISOControl(c) || isBidiFormatting(c) || isLineSeparator(c)
                    || isInvisible(c));
        }

        private static boolean isLineSeparator(int c) {
            return c == 0x2028 || c == 0x2029;
        }

        private static boolean isInvisible(int c) {
            return c == 0x200B || c == 0x2060 || c == 0xFEFF;
        }

        private static boolean isBidiFormatting(int c) {
            return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069);
        }
    }
}
