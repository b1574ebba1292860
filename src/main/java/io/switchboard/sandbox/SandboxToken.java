package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A token the sandbox issued (known by its hash only). */
record SandboxToken(long accountId, boolean longLived, String scopes, OffsetDateTime issuedAt,
                    OffsetDateTime expiresAt, @Nullable OffsetDateTime revokedAt) {

    boolean usableAt(OffsetDateTime now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    List<String> scopeList() {
        return Arrays.stream(scopes.split(",")).filter(s -> !s.isBlank()).toList();
    }
}
