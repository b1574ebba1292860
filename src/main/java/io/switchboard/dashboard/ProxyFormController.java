package io.switchboard.dashboard;

import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.ProxyProblem;
import io.switchboard.proxies.ProxyScheme;
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

    /**
     * The form as posted (public: the template binds it). Every field is checked by the proxies module, the same
     * way as an import's lines, and every mistake comes back at once.
     */
    public record ProxyForm(String label, String scheme, String host, String port, String username,
                            @Nullable String password, String region, String tags,
                            @Nullable Boolean enabled) {

        static ProxyForm empty() {
            return new ProxyForm("", "http", "", "", "", null, "", "", true);
        }

        static ProxyForm of(Proxy p) {
            return new ProxyForm(p.label(), p.scheme().urlScheme(), p.host(), String.valueOf(p.port()),
                    p.username() == null ? "" : p.username(), null, p.region(), String.join("; ", p.tags()), p.enabled());
        }

        ProxyDraft draft() {
            return new ProxyDraft(label, scheme, host, port, username, password, region, tags, Boolean.TRUE.equals(enabled));
        }

    }

    @GetMapping("/proxies/new")
    String newProxy(Model model) {
        model.addAttribute("proxyForm", ProxyForm.empty());
        return form(model, null);
    }

    @PostMapping("/proxies/new")
    String add(@ModelAttribute("proxyForm") ProxyForm form, BindingResult errors, Model model,
               RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                long id = proxies.add(form.draft());
                redirect.addFlashAttribute("notice", "Added. Its first diagnostics run now.");
                return "redirect:/proxies/" + id;
            } catch (ProxyProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return form(model, null);
    }

    @GetMapping("/proxies/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Proxy proxy = proxies.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("proxyForm", ProxyForm.of(proxy));
        return form(model, proxy);
    }

    @PostMapping("/proxies/{id}/edit")
    String update(@PathVariable long id, @ModelAttribute("proxyForm") ProxyForm form, BindingResult errors,
                  Model model, RedirectAttributes redirect) {
        Proxy proxy = proxies.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!errors.hasErrors()) {
            try {
                proxies.update(id, form.draft());
                redirect.addFlashAttribute("notice", "Saved.");
                return "redirect:/proxies/" + id;
            } catch (ProxyProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return form(model, proxy);
    }

    /**
     * The form page. After a post, the posted form stays the model attribute: putting another object in its place
     * would drop its mistakes (Spring ties them to the object they were found on). The password is never rendered.
     */
    private static String form(Model model, @Nullable Proxy proxy) {
        model.addAttribute("proxy", proxy);
        model.addAttribute("schemes", ProxyScheme.values());
        return "proxy-form";
    }
}
