package io.switchboard.insights;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.publishing.PostType;

/**
 * One platform's insights calls, implemented by that platform's adapter module (as {@link
 * io.switchboard.publishing.Publisher} is). Each call makes a few platform calls at most, through the platform's
 * client (so usage hold-offs and egress routes apply), and never throws for a platform error: a missing permission
 * is {@link io.switchboard.platform.PlatformProblem.PermissionMissing}, media the platform keeps no insights for
 * (too old, a Story past its day) is {@link io.switchboard.platform.PlatformProblem.Refused}.
 */
public interface MetricsFetcher {

    Platform platform();

    /** The post's lifetime metrics as the platform reports them now. */
    PlatformResult<PostMetrics> post(Credentials credentials, String mediaId, PostType type);

    /** The account's followers now and its metrics for the last full day. */
    PlatformResult<AccountMetrics> account(Credentials credentials);

    /** The permission the platform needs for insights, as the operator sees it when granting access. */
    String permission();
}
