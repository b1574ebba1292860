package io.switchboard.dashboard;

import io.switchboard.audit.AuditFilter;
import io.switchboard.audit.AuditTrail;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.identity.Operator;
import io.switchboard.identity.OperatorProblem;
import io.switchboard.identity.Operators;
import io.switchboard.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/** Operators: everyone sees the list; ADMINs create, disable, change roles and reset passwords. */
@Controller
class OperatorsController {
    private final Operators operators;
    private final AuditTrail audit;
    private final FormChecks checks;

    OperatorsController(Operators operators, AuditTrail audit, FormChecks checks) {
        this.operators = operators;
        this.audit = audit;
        this.checks = checks;
    }

    record NewOperator(@NotBlank(message = "Enter a username, such as maria.k.")
                       @Size(max = 40, message = "Shorten the username to at most {max} characters.") String username,
                       @NotNull(message = "Choose a role.") Role role,
                       @NotBlank(message = "Enter a password for them.")
                       @Size(max = 200, message = "Shorten the password to at most {max} characters.") String password) {
    }

    @GetMapping("/operators")
    String list(Model model) {
        if (!model.containsAttribute("newOperator")) {
            model.addAttribute("newOperator", new NewOperator("", Role.OPERATOR, ""));
        }
        model.addAttribute("operators", operators.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("audit", CurrentOperator.get().filter(CurrentOperator::isAdmin).isPresent()
                ? audit.page(new AuditFilter(null, "operator", null, null, null, null), null, 15) : List.of());
        model.addAttribute("minPasswordLength", operators.minPasswordLength());
        return "operators";
    }

    @PostMapping("/operators")
    String create(@ModelAttribute("newOperator") NewOperator form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        checks.validate(form, errors);
        if (!errors.hasErrors()) {
            try {
                var created = operators.create(form.username(), form.role(), form.password());
                redirect.addFlashAttribute("notice", "Created " + created.username() + " (" + created.role()
                        + "). They can sign in now.");
                return "redirect:/operators";
            } catch (OperatorProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return list(model);
    }

    @PostMapping("/operators/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam Role role, RedirectAttributes redirect) {
        return act(redirect, () -> operators.changeRole(id, role), "Role changed to " + role + ".");
    }

    @PostMapping("/operators/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled,
                      @RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request, Model model,
                      RedirectAttributes redirect) {
        if (!enabled && !confirmed) {
            String username = named(id);
            return Confirmation.of(request, "operators", "/operators", "Disable " + username + "?", "Disable " + username,
                    List.of(username + " can no longer sign in; what they started keeps running.",
                            "An admin can enable them again at any time.")).page(model);
        }
        return act(redirect, () -> operators.setEnabled(id, enabled),
                enabled ? "Operator enabled." : "Operator disabled: they can no longer sign in.");
    }

    @PostMapping("/operators/{id}/password")
    String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                         HttpServletRequest request, Model model, RedirectAttributes redirect) {
        if (!confirmed) {
            String username = named(id);
            return Confirmation.of(request, "operators", "/operators", "Reset the password of " + username + "?",
                    "Reset the password", List.of(username + "'s current password stops working at once.",
                            "The next page shows the new password once: hand it to them.")).page(model);
        }
        try {
            String password = operators.resetPassword(id);
            redirect.addFlashAttribute("newPassword", password);
            redirect.addFlashAttribute("newPasswordFor", id);
        } catch (OperatorProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/operators";
    }

    private String named(long id) {
        return operators.all().stream().filter(o -> o.id() == id).findFirst().map(Operator::username)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String act(RedirectAttributes redirect, Runnable command, String notice) {
        try {
            command.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (OperatorProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/operators";
    }

}
