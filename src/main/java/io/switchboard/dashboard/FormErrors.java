package io.switchboard.dashboard;

import io.switchboard.infrastructure.Problem;
import org.springframework.beans.BeansException;
import org.springframework.validation.BindingResult;

import java.util.Map;

/**
 * The one way a form answers a refused command: every mistake the command found goes beside its field (or above
 * the form when it concerns no field), and the form is shown again with what was typed.
 */
final class FormErrors {
    private FormErrors() {
    }

    static void reject(BindingResult errors, Problem problem) {
        reject(errors, problem, Map.of());
    }

    /** As {@link #reject(BindingResult, Problem)}, with the form's names for fields the module names otherwise. */
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
