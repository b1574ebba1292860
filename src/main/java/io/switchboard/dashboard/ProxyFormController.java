package io.switchboard.dashboard;

import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.ProxyProblem;
import io.switchboard.proxies.ProxyScheme;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adding one proxy and editing one: errors beside their fields; the password is never shown, only replaced. */
@Controller
class ProxyFormController {
    private final Proxies proxies;

    ProxyFormController(Proxies proxies) {
        this.proxies = proxies;
    }

    /** The form as posted (public: the template binds it). */
    public record ProxyForm(String label, @NotBlank(message = "Choose the proxy's type.") String scheme,
                            @NotBlank(message = "Enter the proxy's host name or IP address.") String host,
                            @NotBlank(message = "Enter the proxy's port.")
                            @Pattern(regexp = "\\s*\\d{1,5}\\s*", message = "Enter a number from 1 to 65535.") String port,
                            String username, @Nullable String password, String region, String tags, boolean enabled) {

        static ProxyForm empty() {
            return new ProxyForm("", "http", "", "", "", null, "", "", true);
        }

        static ProxyForm of(Proxy p) {
            return new ProxyForm(p.label(), p.scheme().urlScheme(), p.host(), String.valueOf(p.port()),
                    p.username() == null ? "" : p.username(), null, p.region(), String.join("; ", p.tags()), p.enabled());
        }

        ProxyDraft draft() {
            return new ProxyDraft(label, scheme, host, port, username, password, region, tags, enabled);
        }

        /** Never rendered back into the page. */
        ProxyForm withoutPassword() {
            return new ProxyForm(label, scheme, host, port, username, null, region, tags, enabled);
        }
    }

    @GetMapping("/proxies/new")
    String newProxy(Model model) {
        return form(model, ProxyForm.empty(), null);
    }

    @PostMapping("/proxies/new")
    String add(@Valid @ModelAttribute("proxyForm") ProxyForm form, BindingResult errors, Model model,
               RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                long id = proxies.add(form.draft());
                redirect.addFlashAttribute("notice", "Added. Its first diagnostics run now.");
                return "redirect:/proxies/" + id;
            } catch (ProxyProblem problem) {
                reject(errors, problem);
            }
        }
        return form(model, form.withoutPassword(), null);
    }

    @GetMapping("/proxies/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Proxy proxy = proxies.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(model, ProxyForm.of(proxy), proxy);
    }

    @PostMapping("/proxies/{id}/edit")
    String update(@PathVariable long id, @Valid @ModelAttribute("proxyForm") ProxyForm form, BindingResult errors,
                  Model model, RedirectAttributes redirect) {
        Proxy proxy = proxies.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!errors.hasErrors()) {
            try {
                proxies.update(id, form.draft());
                redirect.addFlashAttribute("notice", "Saved.");
                return "redirect:/proxies/" + id;
            } catch (ProxyProblem problem) {
                reject(errors, problem);
            }
        }
        return form(model, form.withoutPassword(), proxy);
    }

    private static String form(Model model, ProxyForm form, @Nullable Proxy proxy) {
        model.addAttribute("proxyForm", form);
        model.addAttribute("proxy", proxy);
        model.addAttribute("schemes", ProxyScheme.values());
        return "proxy-form";
    }

    private static void reject(BindingResult errors, ProxyProblem problem) {
        if (problem.field().isEmpty()) {
            errors.reject("proxy", problem.getMessage());
        } else {
            errors.rejectValue(problem.field(), "proxy", problem.getMessage());
        }
    }
}
