package io.switchboard.dashboard;

import io.switchboard.identity.OperatorProblem;
import io.switchboard.identity.Operators;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in operator's own account: changing their password. Open to every role. */
@Controller
class AccountController {
    private final Operators operators;
    private final FormChecks checks;

    AccountController(Operators operators, FormChecks checks) {
        this.operators = operators;
        this.checks = checks;
    }

    record PasswordChange(@NotBlank(message = "Enter your current password.") String currentPassword,
                          @NotBlank(message = "Enter a new password.")
                          @Size(max = 200, message = "Shorten the new password to at most {max} characters.")
                          String newPassword,
                          @NotBlank(message = "Repeat the new password.") String repeatPassword) {
    }

    @GetMapping("/account")
    String account(Model model) {
        if (!model.containsAttribute("passwordChange")) {
            model.addAttribute("passwordChange", new PasswordChange("", "", ""));
        }
        model.addAttribute("minPasswordLength", operators.minPasswordLength());
        return "account";
    }

    @PostMapping("/account/password")
    String changePassword(@ModelAttribute("passwordChange") PasswordChange form, BindingResult errors,
                          Model model, RedirectAttributes redirect, HttpServletRequest request) {
        checks.validate(form, errors);
        if (!errors.hasErrors() && !form.newPassword().equals(form.repeatPassword())) {
            errors.rejectValue("repeatPassword", "mismatch", "The two new passwords differ: type the new one again here.");
        }
        if (!errors.hasErrors()) {
            try {
                operators.changeOwnPassword(form.currentPassword(), form.newPassword(), request.getRemoteAddr(),
                        request.getSession().getId());
                redirect.addFlashAttribute("notice", "Password changed. Use it the next time you sign in; your "
                        + "other sessions are signed out.");
                return "redirect:/account";
            } catch (OperatorProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return account(model);
    }
}
