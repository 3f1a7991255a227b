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
 * ({@link ShownAsNothing}: U+200B zero width space, U+00AD soft hyphen, U+3164 Hangul filler and the like), which
 * make two different texts look the same. Emoji are fine, their joiners and tag sequences (subdivision flags)
 * included, as is the zero width non-joiner that Persian and Indic scripts need (U+200C, U+200D).
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
            int previous = -1;
            for (int index = 0; index < text.length(); ) {
                int c = text.codePointAt(index);
                if (Character.isISOControl(c) || isBidiFormatting(c) || isLineSeparator(c)
                        || ShownAsNothing.isInvisible(c, previous)) {
                    return false;
                }
                previous = c;
                index += Character.charCount(c);
            }
            return true;
        }

        private static boolean isLineSeparator(int c) {
            return c == 0x2028 || c == 0x2029;
        }

        private static boolean isBidiFormatting(int c) {
            return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069);
        }
    }
}
