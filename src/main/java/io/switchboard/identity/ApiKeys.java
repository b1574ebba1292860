package io.switchboard.identity;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.infrastructure.Digests;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys: admins create (the secret is shown once, only its hash is kept) and revoke them; the API finds the key
 * of each call and records the call in the audit trail under the key's name.
 */
@Service
public class ApiKeys {
    /** Every key starts with this, so a leaked one is easy to recognise (secret scanners, logs). */
    public static final String PREFIX = "sb_";
    public static final int MAX_NAME = 80;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ApiKeyRows keys;
    private final AuditTrail audit;
    private final Clock clock;

    ApiKeys(ApiKeyRows keys, AuditTrail audit) {
        this.keys = keys;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    public List<ApiKey> all() {
        return keys.all();
    }

    /**
     * @param expiresAt null: never expires; else must be in the future
     * @throws ApiKeyProblem naming the field when the name is blank, too long or taken, or the limit is out of range
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public IssuedApiKey create(String name, ApiScope scope, int requestsPerMinute, @Nullable OffsetDateTime expiresAt) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new ApiKeyProblem("name", "Name the key after what uses it, such as content-pipeline.");
        }
        if (trimmed.length() > MAX_NAME) {
            throw new ApiKeyProblem("name", "Shorten the name to at most " + MAX_NAME + " characters.");
        }
        if (requestsPerMinute < 1 || requestsPerMinute > 100_000) {
            throw new ApiKeyProblem("requestsPerMinute", "Give a limit between 1 and 100,000 requests a minute.");
        }
        if (expiresAt != null && !expiresAt.toInstant().isAfter(clock.instant())) {
            throw new ApiKeyProblem("expiresAt", "Choose an expiry in the future, or none.");
        }
        if (keys.liveNameTaken(trimmed)) {
            throw new ApiKeyProblem("name", "A key named " + trimmed + " exists: choose another name or revoke it first.");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + HexFormat.of().formatHex(random);
        String prefix = secret.substring(0, PREFIX.length() + 6);
        long id = keys.insert(trimmed, prefix, Digests.sha256Hex(secret), scope, requestsPerMinute, CurrentOperator.actor(), expiresAt);
        ApiKey created = keys.find(id).orElseThrow();
        audit.record(AuditRecord.of("api-key.created", "api_key", id).target(trimmed)
                .compare(null, created, "name", "prefix", "scope", "requestsPerMinute", "expiresAt"));
        return new IssuedApiKey(created, secret);
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void revoke(long id) {
        ApiKey key = keys.find(id).orElseThrow(() -> new ApiKeyProblem("", "There is no such key; reload the page."));
        if (!keys.revoke(id, CurrentOperator.actor())) {
            throw new ApiKeyProblem("", "The key " + key.name() + " was revoked already.");
        }
        audit.record(AuditRecord.of("api-key.revoked", "api_key", id).target(key.name())
                .compare(key, keys.find(id).orElseThrow(), "revokedAt", "revokedBy"));
    }

    /** The live key whose secret this is; empty when unknown, revoked or expired. */
    @Transactional
    public Optional<ApiKey> authenticate(String presented) {
        if (!presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        return keys.byHash(Digests.sha256Hex(presented)).filter(k -> k.live(clock.instant()));
    }

    public Optional<ApiKey> find(long id) {
        return keys.find(id);
    }

    /** One API call in the audit trail, under the key's name. */
    public void recordCall(ApiKey key, String method, String path, int status) {
        audit.record(key.actor(), "api", AuditRecord.of("api.call", "api_key", key.id()).target(key.name())
                .detail(method + " " + path + " answered " + status));
    }
}
