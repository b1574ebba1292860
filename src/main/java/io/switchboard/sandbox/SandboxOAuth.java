package io.switchboard.sandbox;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Instagram Login, emulated: authorization codes for the sandbox's authorize page and for sandbox accounts made
 * by API, the code exchange (1-hour token), the long-lived exchange and refresh (60 days), and debug_token.
 * Any client id does; the calls made as the app need the sandbox's secret or an operator's session
 * ({@link AppCredentials}).
 */
@Service
@Conditional(SandboxEnabled.class)
class SandboxOAuth {
    static final Duration SHORT_LIVED = Duration.ofHours(1);
    static final Duration LONG_LIVED = Duration.ofDays(60);
    static final String COMMENTS_SCOPE = "instagram_business_manage_comments";
    static final String DEFAULT_SCOPES = "instagram_business_basic,instagram_business_content_publish,"
            + "instagram_business_manage_insights," + COMMENTS_SCOPE;
    private static final String[] FIRST = {"Atlas", "Bloom", "Cedar", "Dune", "Ember", "Fjord", "Grove", "Harbor",
            "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Nova", "Orchid", "Pine", "Quartz", "River", "Sol", "Tide"};
    private static final String[] SECOND = {"Coffee", "Studio", "Travel", "Kitchen", "Fitness", "Books", "Garden",
            "Design", "Cycles", "Records", "Bakery", "Outdoors"};
    private final AccountStore accounts;

    SandboxOAuth(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** The operator allowed access on the authorize page: a code for the chosen (or a new) account. */
    @Transactional
    String authorize(long accountId, String redirectUri, String scopes) {
        return accounts.issueCode(accountId, redirectUri, scopes);
    }

    @Transactional
    SandboxAccount createAccount(String username) {
        if (!username.matches("[a-z0-9._]{1,30}")) {
            throw GraphFault.invalidParameter("A username is 1 to 30 lower-case letters, digits, dots or underscores.");
        }
        if (accounts.usernameTaken(username)) {
            throw GraphFault.invalidParameter("The username " + username + " is taken in the sandbox.");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)];
        return accounts.create(username, name, "Sandbox account · " + name.toLowerCase(java.util.Locale.ROOT), "https://example.com/"
                + username.replace('.', '-'), random.nextInt(120, 25_000), random.nextInt(40, 900));
    }

    /** Sandbox accounts for demos and tests, each with a code bound to the redirect URI. */
    @Transactional
    List<Map<String, Object>> createAccounts(int count, String prefix, String redirectUri) {
        if (count < 1 || count > 500) {
            throw GraphFault.invalidParameter("count must be 1 to 500");
        }
        if (!prefix.matches("[a-z0-9._]{1,20}")) {
            throw GraphFault.invalidParameter("prefix must be 1 to 20 lower-case letters, digits, dots or underscores");
        }
        String base = prefix;
        List<Map<String, Object>> created = new ArrayList<>();
        for (int n = 1; created.size() < count; n++) {
            String username = base + "_" + n;
            if (accounts.usernameTaken(username)) {
                continue;
            }
            SandboxAccount account = createAccount(username);
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("id", String.valueOf(account.id()));
            grant.put("username", account.username());
            grant.put("code", accounts.issueCode(account.id(), redirectUri, DEFAULT_SCOPES));
            created.add(grant);
        }
        return created;
    }

    @Transactional
    Map<String, Object> exchangeCode(String code, String redirectUri) {
        var redeemed = accounts.redeem(code, redirectUri).orElseThrow(() -> new GraphFault(400, null,
                "Invalid authorization code: it is unknown, used, expired, or for another redirect_uri",
                "OAuthException", 400));
        String token = accounts.issueToken(redeemed.accountId(), false, redeemed.scopes(), SHORT_LIVED);
        return Map.of("data", List.of(Map.of("access_token", token, "user_id", String.valueOf(redeemed.accountId()),
                "permissions", redeemed.scopes())));
    }

    @Transactional
    Map<String, Object> longLived(Gate.Caller caller) {
        if (caller.token().longLived()) {
            throw GraphFault.invalidParameter("ig_exchange_token takes a short-lived token; this one is long-lived");
        }
        return longLivedAnswer(caller);
    }

    @Transactional
    Map<String, Object> refresh(Gate.Caller caller) {
        OffsetDateTime now = accounts.now();
        if (!caller.token().longLived()) {
            throw GraphFault.invalidParameter("ig_refresh_token takes a long-lived token; exchange this one first");
        }
        if (caller.token().issuedAt().plusHours(24).isAfter(now)) {
            throw GraphFault.invalidParameter("A long-lived token can be refreshed once it is at least 24 hours old");
        }
        return longLivedAnswer(caller);
    }

    private Map<String, Object> longLivedAnswer(Gate.Caller caller) {
        String token = accounts.issueToken(caller.accountId(), true, caller.token().scopes(), LONG_LIVED);
        return Map.of("access_token", token, "token_type", "bearer", "expires_in", LONG_LIVED.toSeconds());
    }

    Map<String, Object> debug(String inputToken) {
        OffsetDateTime now = accounts.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("app_id", "switchboard-sandbox");
        data.put("type", "USER");
        data.put("application", "Switchboard sandbox");
        accounts.token(inputToken).ifPresentOrElse(token -> {
            data.put("is_valid", token.usableAt(now));
            data.put("expires_at", token.expiresAt().toEpochSecond());
            data.put("issued_at", token.issuedAt().toEpochSecond());
            data.put("scopes", token.scopeList());
            data.put("user_id", String.valueOf(token.accountId()));
        }, () -> {
            data.put("is_valid", false);
            data.put("scopes", List.of());
            data.put("error", Map.of("code", 190, "message", "Invalid OAuth access token"));
        });
        return Map.of("data", data);
    }
}
