package io.switchboard.dashboard;

import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.PlatformMode;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Connecting accounts: "Connect with Instagram" (OAuth: the state is a random value kept in the operator's
 * session and checked on the way back, so a forged redirect cannot connect an account), pasting a token
 * (checked live first), and, in sandbox mode, creating sandbox accounts connected through the same API calls.
 */
@Controller
class AccountConnectController {
    static final String STATE = "switchboard.oauth.state";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Accounts accounts;
    private final InstagramGraph graph;

    AccountConnectController(Accounts accounts, InstagramGraph graph) {
        this.accounts = accounts;
        this.graph = graph;
    }

    /**
     * The paste-a-token form as typed (public: the template binds it); the page never renders the token back. The
     * accounts module checks every field.
     */
    public record TokenForm(String token, String timeZone, String tags) {
    }

    /** The create-sandbox-accounts form as typed (public: the template binds it); the accounts module checks it. */
    public record SandboxForm(String count, String prefix, String tags) {
        /** The count typed, or 0 (which the module refuses, naming the field) when it is not a number. */
        int number() {
            String typed = text(count);
            return typed.matches("\\d{1,4}") ? Integer.parseInt(typed) : 0;
        }
    }

    @GetMapping("/accounts/connect")
    String page(Model model) {
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm", new TokenForm("", "UTC", ""));
        }
        if (!model.containsAttribute("sandboxForm")) {
            model.addAttribute("sandboxForm", new SandboxForm("5", "demo", "sandbox"));
        }
        model.addAttribute("oauth", graph.oauthAvailable());
        model.addAttribute("sandbox", graph.mode() == PlatformMode.SANDBOX);
        return "accounts-connect";
    }

    @PostMapping("/accounts/connect/oauth")
    String startOAuth(HttpSession session, RedirectAttributes redirect) {
        if (!graph.oauthAvailable()) {
            redirect.addFlashAttribute("problem", "Connect with Instagram needs the Meta app's id and secret: set "
                    + "SWITCHBOARD_PLATFORM_APP_ID and SWITCHBOARD_PLATFORM_APP_SECRET, or paste a token instead.");
            return "redirect:/accounts/connect";
        }
        byte[] state = new byte[24];
        RANDOM.nextBytes(state);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(state);
        session.setAttribute(STATE, value);
        return "redirect:" + graph.authorizeUrl(callback(), value);
    }

    @GetMapping("/accounts/connect/callback")
    String callback(@RequestParam(required = false) @Nullable String code,
                    @RequestParam(required = false) @Nullable String state,
                    @RequestParam(required = false) @Nullable String error,
                    @RequestParam(value = "error_description", required = false) @Nullable String description,
                    HttpSession session, RedirectAttributes redirect) {
        Object expected = session.getAttribute(STATE);
        session.removeAttribute(STATE);
        if (expected == null || state == null || !MessageDigest.isEqual(expected.toString().getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            return problem(redirect, "This sign-in answer does not belong to a connection you started (its state "
                    + "does not match). Nothing was connected; start again with Connect with Instagram.");
        }
        if (error != null || code == null) {
            return problem(redirect, "Instagram did not grant access" + (description == null ? "" : ": " + description)
                    + ". Nothing was connected.");
        }
        try {
            long id = accounts.connectWithCode(code, callback());
            redirect.addFlashAttribute("notice", "Connected through Instagram.");
            return "redirect:/accounts/" + id;
        } catch (AccountProblem problem) {
            return problem(redirect, problem.getMessage());
        }
    }

    @PostMapping("/accounts/connect/token")
    String connectToken(@ModelAttribute("tokenForm") TokenForm form, BindingResult errors, Model model,
                        RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                long id = accounts.connectWithToken(text(form.token()), text(form.timeZone()), text(form.tags()));
                redirect.addFlashAttribute("notice", "Connected: the platform accepted the token.");
                return "redirect:/accounts/" + id;
            } catch (AccountProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        if ((errors.hasFieldErrors("timeZone") || errors.hasFieldErrors("tags")) && !errors.hasFieldErrors("token")) {
            errors.rejectValue("token", "again", "Paste the token again: it is never shown back on a page.");
        }
        return page(model);
    }

    @PostMapping("/accounts/connect/sandbox")
    String createSandbox(@ModelAttribute("sandboxForm") SandboxForm form, BindingResult errors, Model model,
                         RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                List<Long> ids = accounts.createSandboxAccounts(form.number(),
                        text(form.prefix()), text(form.tags()), callback());
                redirect.addFlashAttribute("notice", "Created and connected " + ids.size() + " sandbox account(s).");
                return "redirect:/accounts";
            } catch (AccountProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return page(model);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static URI callback() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/accounts/connect/callback").build().toUri();
    }

    private static String problem(RedirectAttributes redirect, String message) {
        redirect.addFlashAttribute("problem", message);
        return "redirect:/accounts/connect";
    }
}
