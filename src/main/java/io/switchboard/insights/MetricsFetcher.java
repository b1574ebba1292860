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

    /**
     * The breakdowns of follower demographics this platform's API offers to Switchboard; none by default (a platform
     * whose API Switchboard uses documents none, as TikTok's Display API).
     */
    default java.util.Set<Breakdown> demographicBreakdowns() {
        return java.util.Set.of();
    }

    /**
     * The account's followers by one breakdown (the platform's label, followers), as the platform reports them now.
     * An account the platform gives no demographics for (Instagram: fewer than 100 followers) is {@link
     * io.switchboard.platform.PlatformProblem.Refused} with the platform's words; no data yet is an empty map.
     */
    default PlatformResult<java.util.Map<String, Long>> followerDemographics(Credentials credentials, Breakdown breakdown) {
        return new PlatformResult.Failed<>(new io.switchboard.platform.PlatformProblem.Refused(
                platform().label() + " offers no follower demographics through its API"));
    }

    /** The permission the platform needs for insights, as the operator sees it when granting access. */
    String permission();
}
