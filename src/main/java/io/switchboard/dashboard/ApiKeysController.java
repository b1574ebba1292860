package io.switchboard.dashboard;

import io.switchboard.identity.ApiKey;
import io.switchboard.identity.ApiKeyProblem;
import io.switchboard.identity.ApiKeys;
import io.switchboard.identity.ApiScope;
import io.switchboard.identity.IssuedApiKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** API keys (admins only): create one (its secret is shown once), see when each was last used, revoke. */
@Controller
class ApiKeysController {
    static final int DEFAULT_PER_MINUTE = 120;
    private final ApiKeys keys;
    private final FormChecks checks;
    private final Clock clock = Clock.systemUTC();

    ApiKeysController(ApiKeys keys, FormChecks checks) {
        this.keys = keys;
        this.checks = checks;
    }

    /** @param expiresOn the last day (UTC) the key works; null: it never expires */
    record NewKey(@NotBlank(message = "Name the key after what uses it, such as content-pipeline.")
                  @Size(max = ApiKeys.MAX_NAME, message = "Shorten the name to at most {max} characters.") String name,
                  @NotNull(message = "Choose what the key may do.") ApiScope scope,
                  @NotNull(message = "Give a limit, such as 120.")
                  @Min(value = 1, message = "Give a limit of at least {value} call a minute.")
                  @Max(value = 100_000, message = "Give a limit of at most {value} calls a minute.") Integer requestsPerMinute,
                  @Nullable LocalDate expiresOn) {
    }

    @GetMapping("/api-keys")
    String list(Model model) {
        if (!model.containsAttribute("newKey")) {
            model.addAttribute("newKey", new NewKey("", ApiScope.READ, DEFAULT_PER_MINUTE, null));
        }
        model.addAttribute("keys", keys.all());
        model.addAttribute("scopes", ApiScope.values());
        model.addAttribute("now", clock.instant());
        return "api-keys";
    }

    @PostMapping("/api-keys")
    String create(@ModelAttribute("newKey") NewKey form, BindingResult errors, Model model, RedirectAttributes redirect) {
        checks.validate(form, errors);
        if (!errors.hasErrors()) {
            try {
                IssuedApiKey issued = keys.create(form.name(), form.scope(), form.requestsPerMinute(),
                        form.expiresOn() == null ? null : form.expiresOn().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                redirect.addFlashAttribute("issuedName", issued.key().name());
                redirect.addFlashAttribute("issuedSecret", issued.secret());
                return "redirect:/api-keys";
            } catch (ApiKeyProblem problem) {
                FormChecks.reject(errors, problem, java.util.Map.of("expiresAt", "expiresOn"));
            }
        }
        return list(model);
    }

    @PostMapping("/api-keys/{id}/revoke")
    String revoke(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        ApiKey key = keys.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!confirmed) {
            return Confirmation.of(request, "api-keys", "/api-keys", "Revoke the key " + key.name() + "?",
                    "Revoke " + key.name(), List.of("Every call with it is refused at once, on every instance.",
                            "This cannot be undone: whatever uses it needs a new key.")).page(model);
        }
        try {
            keys.revoke(id);
            redirect.addFlashAttribute("notice", "Revoked " + key.name() + ": calls with it are refused now.");
        } catch (ApiKeyProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/api-keys";
    }
}
