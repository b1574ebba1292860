package io.switchboard.accounts;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import io.switchboard.infrastructure.Moments;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Connects accounts of any platform through its adapters: checks a token live (whose profile it opens, when it
 * expires), turns a sign-in code into a long-lived token, and stores the account, or reconnects it when it is
 * already known.
 */
@Component
class AccountConnector {
    /** Platform tokens are a few hundred characters; anything far longer is not one. */
    static final int MAX_TOKEN = 2048;
    private final PlatformPorts ports;
    private final AccountRepository accounts;
    private final TokenVault vault;
    private final StatusChanges statuses;

    AccountConnector(PlatformPorts ports, AccountRepository accounts, TokenVault vault, StatusChanges statuses) {
        this.ports = ports;
        this.accounts = accounts;
        this.vault = vault;
        this.statuses = statuses;
    }

    /** @throws AccountProblem (field "token") when the platform does not accept the token */
    CheckedToken check(Platform platform, String token, @Nullable OffsetDateTime knownExpiry) {
        String clean = token.strip();
        if (clean.isEmpty() || clean.chars().anyMatch(Character::isWhitespace)) {
            throw new AccountProblem("token", "Paste the whole access token: one word, no spaces.");
        }
        if (clean.length() > MAX_TOKEN) {
            throw new AccountProblem("token", "That is not an access token: it has " + clean.length()
                    + " characters, and tokens have at most " + MAX_TOKEN + ".");
        }
        Profile profile = switch (ports.profiles(platform).profile(Credentials.unconnected(clean))) {
            case PlatformResult.Ok<Profile>(Profile p) -> p;
            case PlatformResult.Failed<Profile>(PlatformProblem problem) ->
                    throw new AccountProblem("token", refusal(platform, problem));
        };
        OffsetDateTime expiresAt = knownExpiry;
        String scopes = null;
        if (ports.tokens(platform).inspect(new Credentials(null, profile.platformUserId(), clean))
                instanceof PlatformResult.Ok<TokenFacts>(TokenFacts facts)) {
            expiresAt = facts.expiresAt() == null ? knownExpiry : facts.expiresAt().atOffset(ZoneOffset.UTC);
            scopes = facts.scopes() == null ? null : String.join(",", facts.scopes());
        }
        return new CheckedToken(platform, profile, clean, expiresAt, scopes);
    }

    /** The code from the sign-in redirect, exchanged for a long-lived token and checked. */
    CheckedToken exchange(Platform platform, String code, URI redirectUri) {
        IssuedToken issued = switch (ports.signIn(platform).exchange(code, redirectUri)) {
            case PlatformResult.Ok<IssuedToken>(IssuedToken t) -> t;
            case PlatformResult.Failed<IssuedToken>(PlatformProblem problem) -> throw new AccountProblem("",
                    platform.label() + " did not accept the authorization: " + problem.message()
                            + ". Start again with Connect with " + platform.label() + ".");
        };
        return check(platform, issued.accessToken(),
                issued.expiresAt() == null ? null : issued.expiresAt().atOffset(ZoneOffset.UTC));
    }

    /** Stores the account, or reconnects the known one with this token (ACTIVE again). Returns its id. */
    @Transactional
    long save(CheckedToken checked, ConnectedVia via, AccountOptions options) {
        var existing = accounts.byPlatformUser(checked.platform(), checked.profile().platformUserId());
        if (existing.isPresent()) {
            long id = existing.get().id();
            accounts.replaceToken(id, vault.seal(checked.token()), checked.expiresAt(), checked.scopes(), false);
            accounts.updateProfile(id, checked.profile());
            accounts.health(id, true, "Reconnected: the platform accepted the new token");
            if (existing.get().status() == AccountStatus.NEEDS_RECONNECT) {
                statuses.set(id, AccountStatus.ACTIVE, "");
            }
            return id;
        }
        long id = accounts.insert(new NewAccount(checked.platform(), checked.profile(), vault.seal(checked.token()),
                checked.expiresAt(), checked.scopes(), via, options.timeZone(), options.tags(), options.notes(),
                options.desiredBiography(), options.desiredWebsite()));
        accounts.health(id, true, "Connected: the platform accepted the token");
        return id;
    }

    private String refusal(Platform platform, PlatformProblem problem) {
        return switch (problem) {
            case PlatformProblem.TokenRefused p -> "The platform refused the token (" + p.message()
                    + "): it is invalid or expired. Copy a fresh long-lived token and try again.";
            case PlatformProblem.PermissionMissing p -> "The token lacks a permission (" + p.message() + "): grant "
                    + String.join(" and ", ports.signIn(platform).scopes()) + ", then try again.";
            case PlatformProblem.Throttled p -> "The platform asks us to wait until " + Moments.near(p.until(), Instant.now())
                    + " before more calls; try again then.";
            default -> "The token could not be checked: " + sentence(problem.message()) + " Try again.";
        };
    }

    /** A platform's or route's message as a sentence: ends with one full stop, never two. */
    private static String sentence(String message) {
        String text = message.strip();
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }
}
