package io.switchboard.infrastructure;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A form field typed as text that must read as a whole number from {@link #min} to {@link #max} (surrounding spaces
 * allowed): one check and one sentence for "empty", "not a number" and "out of range", and the typed text comes
 * back as it was. Empty passes when {@link #optional}.
 */
@Documented
@Constraint(validatedBy = WholeNumber.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WholeNumber {
    long min() default 0;

    long max() default Long.MAX_VALUE;

    boolean optional() default false;

    String message() default "Enter a whole number from {min} to {max}.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind {@link WholeNumber}. */
    class Check implements ConstraintValidator<WholeNumber, String> {
        private WholeNumber bounds;

        @Override
        public void initialize(WholeNumber annotation) {
            bounds = annotation;
        }

        @Override
        public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
            String text = value == null ? "" : value.strip();
            if (text.isEmpty()) {
                return bounds.optional();
            }
            if (!text.matches("-?\\d{1,18}")) {
                return false;
            }
            long number = Long.parseLong(text);
            return number >= bounds.min() && number <= bounds.max();
        }
    }
}
