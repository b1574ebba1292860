package io.switchboard.dashboard;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.Accounts;
import io.switchboard.accounts.Connections;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformMode;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Connecting accounts on each platform: "Connect with …" (the platform's sign-in: the state is a random value kept
 * in the operator's session with the platform and checked on the way back, so a forged redirect cannot connect an
 * account), pasting a token (checked live first), and, in sandbox mode, creating sandbox accounts connected through
 * the same API calls. An account's "Reconnect" signs in on its platform for that account (or takes a token for
 * it) and refuses a sign-in that opens another.
 */
@Controller
class AccountConnectController {
    static final String STATE = "switchboard.oauth.state";
    /** The account a sign-in under way reconnects, when it was started from that account's page. */
    static final String RECONNECT = "switchboard.oauth.reconnect";
    static final String PLATFORM = "switchboard.oauth.platform";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Connections connections;
    private final Accounts accounts;
    private final PlatformMode mode;

    AccountConnectController(Connections connections, Accounts accounts, PlatformMode mode) {
        this.connections = connections;
        this.accounts = accounts;
        this.mode = mode;
    }

    /** A platform as the connect page offers it (public: templates read it). */
    public record Offer(Platform platform, boolean signIn, String unavailableReason) {
    }

    /**
     * The paste-a-token form as typed (public: the template binds it); the page never renders the token back. The
     * accounts module checks every field.
     */
    public record TokenForm(String platform, String token, String timeZone, String tags) {
    }

    /** The create-sandbox-accounts form as typed (public: the template binds it); the accounts module checks it. */
    public record SandboxForm(String platform, String count, String prefix, String tags) {
        /** The count typed, or 0 (which the module refuses, naming the field) when it is not a number. */
        int number() {
            String typed = text(count);
            return typed.matches("\\d{1,4}") ? Integer.parseInt(typed) : 0;
        }
    }

    @GetMapping("/accounts/connect")
    String page(Model model) {
        List<Platform> platforms = connections.platforms();
        String first = platforms.isEmpty() ? "" : platforms.getFirst().key();
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm", new TokenForm(first, "", "UTC", ""));
        }
        if (!model.containsAttribute("sandboxForm")) {
            model.addAttribute("sandboxForm", new SandboxForm(first, "5", "demo", "sandbox"));
        }
        model.addAttribute("offers", platforms.stream().map(p -> new Offer(p, connections.signInAvailable(p),
                connections.signInUnavailableReason(p))).toList());
        model.addAttribute("sandbox", mode == PlatformMode.SANDBOX);
        return "accounts-connect";
    }

    @PostMapping("/accounts/connect/oauth")
    String startOAuth(@RequestParam(required = false) @Nullable String platform, HttpSession session,
                      RedirectAttributes redirect) {
        Platform chosen;
        try {
            chosen = connections.platform(platform);
        } catch (AccountProblem problem) {
            return problem(redirect, problem.getMessage());
        }
        if (!connections.signInAvailable(chosen)) {
            return problem(redirect, connections.signInUnavailableReason(chosen));
        }
        session.removeAttribute(RECONNECT);
        return "redirect:" + connections.authorizeUrl(chosen, callback(), newState(session, chosen));
    }

    /**
     * "Reconnect" on an account's page: its platform's sign-in for that account (the callback refuses another one),
     * or, when that sign-in is not configured, a page to paste a new token for it.
     */
    @PostMapping("/accounts/{id}/reconnect")
    String reconnect(@PathVariable long id, HttpSession session) {
        Account account = account(id);
        if (!connections.signInAvailable(account.platform())) {
            return "redirect:/accounts/" + id + "/reconnect";
        }
        session.setAttribute(RECONNECT, id);
        return "redirect:" + connections.authorizeUrl(account.platform(), callback(),
                newState(session, account.platform()));
    }

    private Account account(long id) {
        return accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No account " + id));
    }

    @GetMapping("/accounts/{id}/reconnect")
    String reconnectPage(@PathVariable long id, Model model) {
        Account account = account(id);
        model.addAttribute("account", account);
        model.addAttribute("oauth", connections.signInAvailable(account.platform()));
        model.addAttribute("unavailableReason", connections.signInUnavailableReason(account.platform()));
        return "account-reconnect";
    }

    @PostMapping("/accounts/{id}/reconnect/token")
    String reconnectWithToken(@PathVariable long id, @RequestParam String token, RedirectAttributes redirect) {
        try {
            connections.reconnectWithToken(id, token);
            redirect.addFlashAttribute("notice", "Reconnected: the platform accepted the token; held posts go on.");
            return "redirect:/accounts/" + id;
        } catch (AccountProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
            return "redirect:/accounts/" + id + "/reconnect";
        }
    }

    private static String newState(HttpSession session, Platform platform) {
        byte[] state = new byte[24];
        RANDOM.nextBytes(state);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(state);
        session.setAttribute(STATE, value);
        session.setAttribute(PLATFORM, platform.name());
        return value;
    }

    @GetMapping("/accounts/connect/callback")
    String callback(@RequestParam(required = false) @Nullable String code,
                    @RequestParam(required = false) @Nullable String state,
                    @RequestParam(required = false) @Nullable String error,
                    @RequestParam(value = "error_description", required = false) @Nullable String description,
                    HttpSession session, RedirectAttributes redirect) {
        Object expected = session.getAttribute(STATE);
        Object reconnecting = session.getAttribute(RECONNECT);
        Object started = session.getAttribute(PLATFORM);
        session.removeAttribute(STATE);
        session.removeAttribute(PLATFORM);
        session.removeAttribute(RECONNECT);
        if (expected == null || started == null || state == null || !MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            return problem(redirect, "This sign-in answer does not belong to a connection you started (its state "
                    + "does not match). Nothing was connected; start again from this page.");
        }
        Platform platform = Platform.valueOf(started.toString());
        if (error != null || code == null) {
            return problem(redirect, platform.label() + " did not grant access"
                    + (description == null ? "" : ": " + description) + ". Nothing was connected.");
        }
        if (reconnecting instanceof Long accountId) {
            try {
                connections.reconnectWithCode(accountId, code, callback());
                redirect.addFlashAttribute("notice", "Reconnected through " + platform.label() + "; held posts go on.");
            } catch (AccountProblem problem) {
                redirect.addFlashAttribute("problem", problem.getMessage());
            }
            return "redirect:/accounts/" + accountId;
        }
        try {
            long id = connections.connectWithCode(platform, code, callback());
            redirect.addFlashAttribute("notice", "Connected through " + platform.label() + ".");
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
                long id = connections.connectWithToken(connections.platform(form.platform()), text(form.token()),
                        text(form.timeZone()), text(form.tags()));
                redirect.addFlashAttribute("notice", "Connected: the platform accepted the token.");
                return "redirect:/accounts/" + id;
            } catch (AccountProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        if ((errors.hasFieldErrors("timeZone") || errors.hasFieldErrors("tags") || errors.hasFieldErrors("platform"))
                && !errors.hasFieldErrors("token")) {
            errors.rejectValue("token", "again", "Paste the token again: it is never shown back on a page.");
        }
        return page(model);
    }

    @PostMapping("/accounts/connect/sandbox")
    String createSandbox(@ModelAttribute("sandboxForm") SandboxForm form, BindingResult errors, Model model,
                         RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                List<Long> ids = connections.createSandboxAccounts(connections.platform(form.platform()),
                        form.number(), text(form.prefix()), text(form.tags()), callback());
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
