package io.switchboard.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Instagram's authorize page, emulated: the operator picks a sandbox account (or makes one) and allows or
 * denies access; the browser goes back to the redirect URI with a code (or an error) and the state untouched.
 * Redirects only to this app, so the page cannot be used to send browsers elsewhere.
 */
@Controller
@Conditional(SandboxEnabled.class)
class AuthorizePage {
    private final SandboxOAuth oauth;
    private final AccountStore accounts;

    AuthorizePage(SandboxOAuth oauth, AccountStore accounts) {
        this.oauth = oauth;
        this.accounts = accounts;
    }

    @GetMapping("/sandbox/oauth/authorize")
    String authorize(@RequestParam("client_id") String clientId, @RequestParam("redirect_uri") String redirectUri,
                     @RequestParam("response_type") String responseType, @RequestParam String scope,
                     @RequestParam String state, HttpServletRequest request, Model model) {
        checkRedirect(redirectUri, request);
        if (!responseType.equals("code")) {
            throw new BadAuthorizeRequest("response_type must be code");
        }
        model.addAttribute("clientId", clientId);
        model.addAttribute("redirectUri", redirectUri);
        model.addAttribute("scope", scope);
        model.addAttribute("state", state);
        model.addAttribute("accounts", RecordViews.of(accounts.latest(50)));
        model.addAttribute("suggestedUsername", "sandbox_" + java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(1000, 10_000));
        return "sandbox/authorize";
    }

    @PostMapping("/sandbox/oauth/authorize")
    String decide(@RequestParam("redirect_uri") String redirectUri, @RequestParam String scope,
                  @RequestParam String state, @RequestParam String decision,
                  @RequestParam(value = "account", required = false) @Nullable String account,
                  @RequestParam(value = "new_username", required = false) @Nullable String newUsername,
                  HttpServletRequest request) {
        checkRedirect(redirectUri, request);
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(redirectUri).queryParam("state", state);
        if (!decision.equals("allow")) {
            return "redirect:" + back.queryParam("error", "access_denied").queryParam("error_reason", "user_denied")
                    .queryParam("error_description", "The user denied your request.").encode().build().toUriString();
        }
        long accountId = account != null && !account.equals("new") ? SandboxPublishing.parseId(account)
                : oauth.createAccount(String.valueOf(newUsername).strip().toLowerCase(java.util.Locale.ROOT)).id();
        String code = oauth.authorize(accountId, redirectUri, scope);
        return "redirect:" + back.queryParam("code", code).encode().build().toUriString() + "#_";
    }

    private static void checkRedirect(String redirectUri, HttpServletRequest request) {
        String self = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        if (!redirectUri.startsWith(self + "/")) {
            throw new BadAuthorizeRequest("redirect_uri must be a page of this Switchboard (" + self + ")");
        }
    }

    @ResponseStatus(HttpStatus.BAD_REQUEST)
    static class BadAuthorizeRequest extends RuntimeException {
        BadAuthorizeRequest(String message) {
            super(message);
        }
    }
}
