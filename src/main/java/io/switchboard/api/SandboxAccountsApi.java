package io.switchboard.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.accounts.Connections;
import io.switchboard.infrastructure.Digests;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.List;

/**
 * Demo accounts made in the platform's sandbox and connected through the ordinary sign-in calls, as the Connect
 * page's sandbox form does: sandbox mode only (live, the call is refused with 409), admin scope.
 */
@RestController
@Tag(name = "accounts")
class SandboxAccountsApi {
    static final String PATH = ApiKeyFilter.BASE + "/accounts/sandbox";
    private final Connections connections;
    private final Accounts accounts;
    private final Idempotency idempotency;

    SandboxAccountsApi(Connections connections, Accounts accounts, Idempotency idempotency) {
        this.connections = connections;
        this.accounts = accounts;
        this.idempotency = idempotency;
    }

    /**
     * @param platform the platform's name ({@code instagram}); none means the first one offered
     * @param count    1 to 500
     * @param prefix   the usernames become prefix_1, prefix_2, …
     * @param tags     comma-separated tags for every new account
     */
    record NewSandboxAccounts(@Nullable String platform, int count, @Nullable String prefix, @Nullable String tags) {
    }

    record Created(List<Account> items) {
    }

    @Operation(summary = "Sandbox mode only: create accounts in the platform's sandbox and connect them",
            description = "Needs the admin scope. Refused with 409 when Switchboard runs against the live platforms.")
    @PostMapping(PATH)
    ResponseEntity<?> create(@RequestBody NewSandboxAccounts request,
                             @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        String fingerprint = request.platform() + "|" + request.count() + "|" + request.prefix() + "|" + request.tags();
        return idempotency.once(key, "POST " + PATH + " " + Digests.sha256Hex(fingerprint), () -> {
            List<Long> ids = connections.createSandboxAccounts(connections.platform(request.platform()),
                    request.count(), text(request.prefix()), text(request.tags()), callback());
            List<Account> created = ids.stream().map(id -> accounts.find(id).orElseThrow()).toList();
            return ResponseEntity.status(201).body(new Created(created));
        });
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static URI callback() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/accounts/connect/callback").build().toUri();
    }
}
