package io.switchboard.dashboard;

import io.switchboard.notifications.WebhookEndpoint;
import io.switchboard.notifications.WebhookEvent;
import io.switchboard.notifications.WebhookProblem;
import io.switchboard.notifications.Webhooks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
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

/** Webhook endpoints (admins only): register one (its secret is shown once), read its delivery log, redeliver. */
@Controller
class WebhooksController {
    private final Webhooks webhooks;
    private final FormChecks checks;

    WebhooksController(Webhooks webhooks, FormChecks checks) {
        this.webhooks = webhooks;
        this.checks = checks;
    }

    record NewEndpoint(@NotBlank(message = "Enter the receiver's URL, such as https://crm.example.com/hooks.")
                       @Size(max = 2000, message = "Shorten the URL to at most {max} characters.") String url,
                       @Size(max = 200, message = "Shorten the description to at most {max} characters.") String description,
                       @Nullable List<WebhookEvent> events,
                       @Size(max = 200, message = "A secret has at most {max} characters.") String secret) {
    }

    @GetMapping("/webhooks")
    String list(Model model) {
        if (!model.containsAttribute("newEndpoint")) {
            model.addAttribute("newEndpoint", new NewEndpoint("", "", List.of(WebhookEvent.values()), ""));
        }
        model.addAttribute("endpoints", webhooks.endpoints());
        model.addAttribute("events", WebhookEvent.values());
        return "webhooks";
    }

    @PostMapping("/webhooks")
    String register(@ModelAttribute("newEndpoint") NewEndpoint form, BindingResult errors, Model model,
                    RedirectAttributes redirect) {
        checks.validate(form, errors);
        if (!errors.hasErrors()) {
            try {
                var registered = webhooks.register(form.url(), form.description() == null ? "" : form.description(),
                        form.events() == null ? List.of() : form.events(), form.secret());
                redirect.addFlashAttribute("secret", registered.secret());
                return "redirect:/webhooks/" + registered.endpoint().id();
            } catch (WebhookProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return list(model);
    }

    @GetMapping("/webhooks/{id}")
    String endpoint(@PathVariable long id, Model model) {
        model.addAttribute("endpoint", find(id));
        model.addAttribute("deliveries", webhooks.deliveries(id, 50));
        return "webhook";
    }

    @PostMapping("/webhooks/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        WebhookEndpoint endpoint = find(id);
        if (!confirmed) {
            return Confirmation.of(request, "webhooks", "/webhooks/" + id, "Delete the endpoint " + endpoint.url() + "?",
                    "Delete the endpoint", List.of("No more events are sent to it; deliveries still being retried stop.",
                            "Its delivery log is deleted with it.")).page(model);
        }
        webhooks.delete(id);
        redirect.addFlashAttribute("notice", "Deleted the endpoint " + endpoint.url() + ".");
        return "redirect:/webhooks";
    }

    @PostMapping("/webhooks/{id}/deliveries/{delivery}/redeliver")
    String redeliver(@PathVariable long id, @PathVariable long delivery, RedirectAttributes redirect) {
        try {
            webhooks.redeliver(delivery);
            redirect.addFlashAttribute("notice", "Sending it again, with the same webhook-id; the log shows the answer.");
        } catch (WebhookProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/webhooks/" + id;
    }

    private WebhookEndpoint find(long id) {
        return webhooks.endpoint(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
