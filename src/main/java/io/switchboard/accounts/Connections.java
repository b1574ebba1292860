package io.switchboard.accounts;

import io.switchboard.infrastructure.FieldChecks;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformMode;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Connecting accounts, on whichever platform they are: the platforms that can be connected here, their sign-in
 * (the page sends the operator to the platform and brings the code back), a pasted token checked live, and in
 * sandbox mode demo accounts made in the platform's sandbox. Every call goes through the platform's adapter; the
 * commands need OPERATOR or ADMIN.
 */
@Service
public class Connections {
    private static final String OPERATOR_COMMAND = "hasAnyRole('ADMIN', 'OPERATOR')";
    private final PlatformPorts ports;
    private final AccountConnector connector;
    private final PlatformMode mode;
    private final AccountRepository accounts;

    Connections(PlatformPorts ports, AccountConnector connector, PlatformMode mode, AccountRepository accounts) {
        this.ports = ports;
        this.connector = connector;
        this.mode = mode;
        this.accounts = accounts;
    }

    /** The platforms whose adapters are installed, in a stable order. */
    public List<Platform> platforms() {
        return ports.connectable();
    }

    /**
     * The platform a form names (its key, name or label), or the only one installed when it names none.
     *
     * @throws AccountProblem (field "platform") naming the platforms to choose from
     */
    public Platform platform(@Nullable String named) {
        return ports.named(named);
    }

    /** Whether the platform's sign-in works here (always in the sandbox; live, once its app is configured). */
    public boolean signInAvailable(Platform platform) {
        return ports.signIn(platform).available();
    }

    /** What an admin must set for the platform's sign-in to work, when it does not. */
    public String signInUnavailableReason(Platform platform) {
        return ports.signIn(platform).unavailableReason();
    }

    /** Where to send the operator's browser to sign in on the platform; it comes back with a code and the state. */
    @PreAuthorize(OPERATOR_COMMAND)
    public String authorizeUrl(Platform platform, URI redirectUri, String state) {
        return ports.signIn(platform).authorizeUrl(redirectUri, state);
    }

    /**
     * Connects (or reconnects) the account a pasted token opens, after checking it live; returns its id. The time
     * zone and tags are checked first, together, before the platform is asked about the token.
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public long connectWithToken(Platform platform, String token, String timeZone, String tags) {
        var checks = FieldChecks.of(AccountProblem.class);
        String zone = checks.check(() -> AccountFields.timeZone("timeZone", timeZone), "UTC");
        List<String> tagList = checks.check(() -> AccountFields.tags("tags", tags), List.of());
        checks.throwIfAny(AccountProblem::new);
        return connector.save(connector.check(platform, token, null), ConnectedVia.TOKEN,
                AccountOptions.of(zone, tagList));
    }

    /** Finishes a sign-in: the code from the redirect becomes a stored long-lived token. Returns the account's id. */
    @PreAuthorize(OPERATOR_COMMAND)
    public long connectWithCode(Platform platform, String code, URI redirectUri) {
        return connector.save(connector.exchange(platform, code, redirectUri), ConnectedVia.OAUTH,
                AccountOptions.of("UTC", List.of()));
    }

    /**
     * Reconnects this account with the code of a sign-in started from its page, on its own platform.
     *
     * @throws AccountProblem when the platform refuses, or the sign-in opens another account (nothing is changed)
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public void reconnectWithCode(long accountId, String code, URI redirectUri) {
        Account account = existing(accountId);
        connector.save(sameAccount(account, connector.exchange(account.platform(), code, redirectUri)),
                ConnectedVia.OAUTH, AccountOptions.of("UTC", List.of()));
    }

    /**
     * Reconnects this account with a pasted token, checked live first on its platform.
     *
     * @throws AccountProblem (field "token") when the platform refuses it, or it opens another account
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public void reconnectWithToken(long accountId, String token) {
        Account account = existing(accountId);
        connector.save(sameAccount(account, connector.check(account.platform(), token, null)), ConnectedVia.TOKEN,
                AccountOptions.of("UTC", List.of()));
    }

    private Account existing(long accountId) {
        return accounts.find(accountId).orElseThrow(() -> new AccountProblem("", "No account " + accountId + "."));
    }

    private static CheckedToken sameAccount(Account account, CheckedToken checked) {
        if (!checked.profile().platformUserId().equals(account.platformUserId())) {
            throw new AccountProblem("token", "This sign-in opens @" + checked.profile().username() + ", not @"
                    + account.username() + ". Nothing was changed: sign in to " + account.platform().label() + " as @"
                    + account.username() + " and try again.");
        }
        return checked;
    }

    /**
     * Sandbox mode only: creates {@code count} accounts in the platform's sandbox and connects each through the
     * ordinary calls (code exchange, long-lived token, profile). Returns their ids.
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public List<Long> createSandboxAccounts(Platform platform, int count, String usernamePrefix, String tags,
                                            URI redirectUri) {
        if (mode != PlatformMode.SANDBOX) {
            throw new AccountProblem("", "Sandbox accounts exist only in sandbox mode.");
        }
        var checks = FieldChecks.of(AccountProblem.class);
        if (count < 1 || count > 500) {
            checks.add(new AccountProblem("count", "Create 1 to 500 sandbox accounts at a time."));
        }
        if (!usernamePrefix.matches("[a-z0-9._]{1,20}")) {
            checks.add(new AccountProblem("prefix", "A prefix is 1 to 20 lower-case letters, digits, dots or "
                    + "underscores (the usernames become prefix_1, prefix_2, …), such as demo or shop.eu."));
        }
        List<String> tagList = checks.check(() -> AccountFields.tags("tags", tags), List.of());
        checks.throwIfAny(AccountProblem::new);
        List<String> codes = switch (ports.signIn(platform).sandboxAccounts(count, usernamePrefix, redirectUri)) {
            case PlatformResult.Ok<List<String>>(List<String> created) -> created;
            case PlatformResult.Failed<List<String>>(PlatformProblem problem) -> throw new AccountProblem("",
                    "The sandbox did not create the accounts: " + problem.message());
        };
        List<Long> ids = new ArrayList<>();
        for (String code : codes) {
            ids.add(connector.save(connector.exchange(platform, code, redirectUri), ConnectedVia.SANDBOX,
                    AccountOptions.of("UTC", tagList)));
        }
        return ids;
    }
}
