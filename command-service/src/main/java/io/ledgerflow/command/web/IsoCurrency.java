package io.ledgerflow.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ISO 4217 code that {@link Currency} knows, upper case. Null is left to {@code @NotNull}. With
 * {@link #withMinorUnit()}, only a currency that has a minor unit: amounts are integers in it, and XXX (no
 * currency), XTS (testing), the metals (XAU, …) and the funds codes (XDR, …) have none.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCurrency.Validator.class)
public @interface IsoCurrency {

    String message() default "must be an ISO 4217 currency code";

    /** Refuses codes without a minor unit ({@link Currency#getDefaultFractionDigits()} is -1 for them). */
    boolean withMinorUnit() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoCurrency, String> {

        private static final Set<String> CODES = Currency.getAvailableCurrencies().stream()
                .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
        private static final Set<String> WITH_MINOR_UNIT = Currency.getAvailableCurrencies().stream()
                .filter(currency -> currency.getDefaultFractionDigits() >= 0)
                .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

        private Set<String> codes = CODES;

        @Override
        public void initialize(IsoCurrency constraint) {
            codes = constraint.withMinorUnit() ? WITH_MINOR_UNIT : CODES;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || codes.contains(value);
        }
    }
}
