package io.switchboard.dashboard;

import io.switchboard.identity.CurrentOperator;
import io.switchboard.notifications.AlertKind;
import io.switchboard.notifications.AlertPreferences;
import io.switchboard.notifications.Alerts;
import io.switchboard.notifications.ChatFormat;
import io.switchboard.notifications.WebhookProblem;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Set;

/** Each operator's own alerts: where they go, about what, as they happen or as a daily digest. */
@Controller
class AlertsController {
    private final Alerts alerts;
    private final FormChecks checks;

    AlertsController(Alerts alerts, FormChecks checks) {
        this.alerts = alerts;
        this.checks = checks;
    }

    record AlertForm(@Size(max = 320, message = "Shorten the address to at most {max} characters.") @Nullable String email,
                     @Size(max = 2000, message = "Shorten the URL to at most {max} characters.") @Nullable String chatUrl,
                     @Nullable ChatFormat chatFormat, @Nullable Set<AlertKind> kinds, boolean digest) {
    }

    @GetMapping("/account/alerts")
    String show(Model model) {
        if (!model.containsAttribute("alertForm")) {
            AlertPreferences p = alerts.of(me());
            model.addAttribute("alertForm", new AlertForm(p.email(), p.chatUrl(), p.chatFormat(), p.kinds(), p.digest()));
        }
        model.addAttribute("kinds", AlertKind.values());
        model.addAttribute("formats", ChatFormat.values());
        return "alerts";
    }

    @PostMapping("/account/alerts")
    String save(@ModelAttribute("alertForm") AlertForm form, BindingResult errors, Model model,
                RedirectAttributes redirect) {
        checks.validate(form, errors);
        if (!errors.hasErrors()) {
            try {
                alerts.save(me(), new AlertPreferences(form.email(), form.chatUrl(), form.chatFormat(),
                        form.kinds() == null ? Set.of() : form.kinds(), form.digest()));
                redirect.addFlashAttribute("notice", "Saved: your alerts go out as you chose.");
                return "redirect:/account/alerts";
            } catch (WebhookProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return show(model);
    }

    private static String me() {
        return CurrentOperator.get().map(CurrentOperator::username).orElseThrow();
    }
}
