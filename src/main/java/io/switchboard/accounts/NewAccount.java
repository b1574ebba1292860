package io.switchboard.accounts;

import io.switchboard.infrastructure.SecretBox;
import io.switchboard.platform.Platform;
import io.switchboard.platform.Profile;
import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/** An account about to be stored: its profile as read, its sealed token, and the operator's settings. */
record NewAccount(Platform platform, Profile profile, SecretBox.Sealed token, SecretBox.@Nullable Sealed refresh,
                  @Nullable OffsetDateTime tokenExpiresAt,
                  @Nullable String tokenScopes, ConnectedVia via, String timeZone, List<String> tags, String notes,
                  @Nullable String desiredBiography, @Nullable String desiredWebsite) {
}
