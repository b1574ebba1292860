package io.switchboard.dashboard;

import io.switchboard.infrastructure.Problem;
import jakarta.validation.Validator;
import org.springframework.beans.BeansException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import java.util.Map;

/**
 * The one way every form answers a mistake: beside its field (or above the form when it concerns no field), in
 * the sentence of the check that found it, and the form shown again with what was typed.
 *
 * <p>Bean Validation runs here, after binding, rather than through {@code @Valid}: with {@code @Valid}, a record
 * whose constructor arguments break a constraint is never built, and the page could not show what was typed.
 */
@Component
class FormChecks {
    private final SpringValidatorAdapter validator;

    FormChecks(Validator validator) {
        this.validator = new SpringValidatorAdapter(validator);
    }

    /** The form's own constraints (lengths, number formats), each mistake on its field. */
    void validate(Object form, BindingResult errors) {
        validator.validate(form, errors);
    }

    static void reject(BindingResult errors, Problem problem) {
        reject(errors, problem, Map.of());
    }

    /** Every mistake a command found, with the form's names for fields the module names otherwise. */
    static void reject(BindingResult errors, Problem problem, Map<String, String> formNames) {
        for (Problem mistake : problem.all()) {
            String field = formNames.getOrDefault(mistake.field(), mistake.field());
            if (field.isEmpty()) {
                errors.reject("problem", mistake.getMessage());
                continue;
            }
            try {
                errors.rejectValue(field, "problem", mistake.getMessage());
            } catch (BeansException notOnThisForm) {
                errors.reject("problem", mistake.getMessage());
            }
        }
    }
}
