package io.switchboard.sandbox;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * TikTok's authorize page, emulated for a signed-in operator: a new sandbox creator grants the scopes asked for and
 * the browser goes back to Switchboard with a code, as TikTok sends it after the creator allows access.
 */
@Controller
@Conditional(SandboxEnabled.class)
class TikTokAuthorizePage {
    private final TikTokStore store;

    TikTokAuthorizePage(TikTokStore store) {
        this.store = store;
    }

    @GetMapping("/sandbox/oauth/tiktok")
    String authorize(@RequestParam("client_key") String clientKey, @RequestParam("redirect_uri") String redirectUri,
                     @RequestParam String scope, @RequestParam String state) {
        if (!redirectUri.startsWith("http://") && !redirectUri.startsWith("https://")) {
            throw new IllegalArgumentException("redirect_uri must be absolute");
        }
        var user = store.createUser("creator_" + java.util.UUID.randomUUID().toString().substring(0, 8));
        String code = store.code(user.id(), redirectUri, scope);
        return "redirect:" + UriComponentsBuilder.fromUriString(redirectUri).queryParam("code", code)
                .queryParam("state", state).build().toUriString();
    }
}
