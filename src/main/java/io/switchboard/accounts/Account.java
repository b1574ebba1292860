package io.switchboard.accounts;

import io.switchboard.platform.Platform;
import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A connected account on one platform (an Instagram professional account…). Holds no token: ask
 * {@link Accounts#credentials} when calling the platform for it.
 *
 * @param platform         the platform it is an account of
 * @param platformUserId   its id on that platform
 * @param statusReason     why it has its status, for the operator ("" when ACTIVE)
 * @param timeZone         where its audience is: schedules' daily windows are in this zone (UTC by default)
 * @param tokenExpiresAt   null when unknown
 * @param healthOk         the last token health check's verdict; null before the first
 * @param healthPending    a health check was asked for and has not reported yet
 * @param drift            what differs from the desired biography and website, "" when nothing, null before
 *                         the first audit
 */
public record Account(long id, Platform platform, String platformUserId, String username, String name, @Nullable String pictureUrl,
                      String biography, String website, @Nullable Integer followers, @Nullable Integer follows,
                      @Nullable Integer mediaCount, AccountStatus status, String statusReason,
                      OffsetDateTime statusChangedAt, ConnectedVia connectedVia, ZoneId timeZone, List<String> tags,
                      String notes, @Nullable String desiredBiography, @Nullable String desiredWebsite,
                      @Nullable OffsetDateTime tokenExpiresAt, @Nullable OffsetDateTime tokenRefreshedAt,
                      @Nullable Boolean healthOk, @Nullable String healthMessage, @Nullable OffsetDateTime healthAt,
                      boolean healthPending, @Nullable String drift, @Nullable OffsetDateTime auditedAt,
                      @Nullable OffsetDateTime profileReadAt, OffsetDateTime createdAt) {
}
