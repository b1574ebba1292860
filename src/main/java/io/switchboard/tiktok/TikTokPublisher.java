package io.switchboard.tiktok;

import io.switchboard.infrastructure.Durations;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import io.switchboard.publishing.PostContent;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishAttempt;
import io.switchboard.publishing.PublishStep;
import io.switchboard.publishing.Publisher;
import io.switchboard.publishing.PublishingQuota;
import io.switchboard.publishing.TikTokOptions;
import io.switchboard.tiktok.api.CreatorInfo;
import io.switchboard.tiktok.api.Initialised;
import io.switchboard.tiktok.api.PostRequest;
import io.switchboard.tiktok.api.PublishStatus;
import io.switchboard.tiktok.api.TikTokApi;
import io.switchboard.tiktok.api.TikTokError;
import io.switchboard.tiktok.api.TikTokResult;
import io.switchboard.tiktok.api.TikTokVideo;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * TikTok's Content Posting API behind the {@link Publisher} port: ask the creator info (what the creator may post
 * now) and check the post against it, then the init (the call that publishes: direct post with PULL_FROM_URL, or
 * FILE_UPLOAD whose chunks are sent one per step), then the status until TikTok published it. The publish id is
 * handed back at once as {@link PublishStep.Created} (stored before the next call); a run that finds the init asked
 * for but no publish id stored (the answer was lost with the instance) never inits again: it looks for the post among
 * the creator's videos. Each TikTok error becomes a step by the table in docs/development/platform-facts.md.
 */
@Component
class TikTokPublisher implements Publisher {
    static final int TITLE_LIMIT = 2200;
    /** TikTok gives a public post's id after moderation; a private post never gets one. */
    private static final int MODERATION_LOOKS = 20;
    private static final Duration CAP_WAIT = Duration.ofHours(24);
    private static final Duration RATE_WAIT = Duration.ofMinutes(1);
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(2);
    private static final Duration RECOVERY_WINDOW = Duration.ofMinutes(10);
    private final TikTokApi api;
    private final MediaBytes media;

    TikTokPublisher(TikTokApi api, MediaBytes media) {
        this.api = api;
        this.media = media;
    }

    @Override
    public Platform platform() {
        return Platform.TIKTOK;
    }

    @Override
    public PublishStep advance(PublishAttempt attempt) {
        String publishId = attempt.progress().handle();
        if (publishId != null) {
            return look(attempt, publishId);
        }
        return attempt.progress().publishRequested() ? recover(attempt) : check(attempt);
    }

    /** Before anything is made: the post must be a video TikTok takes, with a privacy level the creator offers. */
    private PublishStep check(PublishAttempt attempt) {
        PostType type = attempt.content().type();
        String rule = attempt.content().options().tiktok().problem();
        if (rule != null) {
            return new PublishStep.Failed("DISCLOSURE", rule);
        }
        if (type != PostType.REELS) {
            return new PublishStep.Failed("TIKTOK_VIDEO_ONLY", "TikTok posts are single vertical videos; this post "
                    + "is " + type.name().toLowerCase() + ". Send TikTok accounts a campaign of Reels-type videos.");
        }
        if (attempt.content().caption().length() > TITLE_LIMIT) {
            return new PublishStep.Failed("CAPTION_TOO_LONG", "TikTok takes captions of at most " + TITLE_LIMIT
                    + " characters; this one has " + attempt.content().caption().length() + ". Shorten it, then "
                    + "retry the post.");
        }
        TikTokOptions options = attempt.content().options().tiktok();
        return switch (api.creatorInfo(attempt.credentials())) {
            case TikTokResult.Failed<CreatorInfo>(TikTokError error) -> problem(error);
            case TikTokResult.Ok<CreatorInfo>(CreatorInfo creator) -> options.draft() || privacyLevel(creator, options) != null
                    ? new PublishStep.ReadyToPublish()
                    : new PublishStep.Failed("PRIVACY_LEVEL", options.privacyLevel() == null
                    ? "TikTok does not offer this creator \"only me\", and the campaign chose no privacy level. Choose "
                    + "one of " + labels(creator) + " in the campaign's TikTok options, then retry the post."
                    : "TikTok does not offer this creator \"" + TikTokOptions.label(options.privacyLevel()) + "\"; it "
                    + "offers " + labels(creator) + ". Choose one of those for the post, then retry it.");
        };
    }

    /** Longer than TikTok lets this creator post now (its creator info says; 0 or less: it did not say). */
    static boolean tooLong(PostContent.MediaLink link, CreatorInfo creator) {
        return creator.maxVideoPostDurationSec() > 0
                && link.duration().compareTo(Duration.ofSeconds(creator.maxVideoPostDurationSec())) > 0;
    }

    private static String labels(CreatorInfo creator) {
        return String.join(", ", creator.privacyLevelOptions().stream().map(TikTokOptions::label).toList());
    }

    /**
     * The privacy level the campaign chose when the creator offers it; with none chosen, "only me" when offered
     * (an unaudited app may only post so): never public unless an operator chose it. Null: none fits.
     */
    static @Nullable String privacyLevel(CreatorInfo creator, TikTokOptions options) {
        String wanted = options.privacyLevel() != null ? options.privacyLevel() : "SELF_ONLY";
        return creator.privacyLevelOptions().contains(wanted) ? wanted : null;
    }

    @Override
    public PublishStep publish(PublishAttempt attempt) {
        PostContent.MediaLink link = attempt.content().links().sign().getFirst();
        if (!link.video()) {
            return new PublishStep.Failed("TIKTOK_VIDEO_ONLY", "TikTok posts are videos; the post's media is not one.");
        }
        TikTokOptions options = attempt.content().options().tiktok();
        CreatorInfo creator = switch (api.creatorInfo(attempt.credentials())) {
            case TikTokResult.Failed<CreatorInfo>(TikTokError error) -> null;
            case TikTokResult.Ok<CreatorInfo>(CreatorInfo info) -> info;
        };
        if (creator == null && !options.draft()) {
            // what the creator may post is not known: nothing was sent, so the post goes back to be checked again
            return new PublishStep.StartOver("TikTok's creator info could not be read before posting; checking again.",
                    false);
        }
        if (creator != null && tooLong(link, creator)) {
            return new PublishStep.Failed("VIDEO_TOO_LONG", "TikTok lets @" + creator.username() + " post videos of at "
                    + "most " + Durations.words(Duration.ofSeconds(creator.maxVideoPostDurationSec())) + "; this one plays "
                    + Durations.words(link.duration()) + ". Nothing was sent to TikTok: give this account a shorter "
                    + "video (or upload a cut of this one) and post it again.");
        }
        String privacy = options.draft() || creator == null ? "SELF_ONLY" : privacyLevel(creator, options);
        if (privacy == null) {
            return new PublishStep.StartOver("The creator's privacy levels changed since the check; checking again.",
                    false);
        }
        boolean pull = api.settings().pullFromUrl();
        long size = 0;
        if (!pull) {
            try {
                size = media.size(link.url());
            } catch (IOException e) {
                return new PublishStep.Waiting(Instant.now().plus(RATE_WAIT), "The video could not be read from the "
                        + "media storage to upload it to TikTok: " + e.getMessage());
            }
        }
        PostRequest request = new PostRequest(options.draft(), attempt.content().caption(), privacy,
                !options.allowComments() || creator == null || creator.commentDisabled(),
                !options.allowDuets() || creator == null || creator.duetDisabled(),
                !options.allowStitches() || creator == null || creator.stitchDisabled(), options.brandedContent(),
                options.yourBrand(), pull ? link.url() : null, size, api.settings().chunkSize());
        return switch (api.init(attempt.credentials(), request)) {
            case TikTokResult.Ok<Initialised>(Initialised init) -> new PublishStep.Created(init.publishId(),
                    init.uploadUrl() == null ? List.of() : List.of(init.uploadUrl(), String.valueOf(size),
                            String.valueOf(request.sentChunkSize()), String.valueOf(request.chunkCount())));
            case TikTokResult.Failed<Initialised>(TikTokError error) -> initProblem(error);
        };
    }

    /** Where the publish stands at TikTok; a FILE_UPLOAD's next chunk is sent while TikTok waits for it. */
    private PublishStep look(PublishAttempt attempt, String publishId) {
        return switch (api.status(attempt.credentials(), publishId)) {
            case TikTokResult.Failed<PublishStatus>(TikTokError error) -> problem(error);
            case TikTokResult.Ok<PublishStatus>(PublishStatus status) -> switch (status.status()) {
                case "PROCESSING_UPLOAD" -> upload(attempt, status.uploadedBytes());
                case "PUBLISH_COMPLETE" -> complete(attempt, publishId, status);
                case "SEND_TO_USER_INBOX" -> new PublishStep.Published(publishId, null);
                case "FAILED" -> failed(status.failReason());
                default -> new PublishStep.Processing("TikTok is processing the video");
            };
        };
    }

    private PublishStep complete(PublishAttempt attempt, String publishId, PublishStatus status) {
        if (status.postId() == null) {
            return attempt.progress().looks() < MODERATION_LOOKS
                    ? new PublishStep.Processing("TikTok published the post and is moderating it; its id comes after")
                    : new PublishStep.Published(publishId, null);
        }
        return new PublishStep.Published(status.postId(), permalink(attempt.credentials(), status.postId()));
    }

    private @Nullable String permalink(Credentials credentials, String postId) {
        return api.videos(credentials, 20) instanceof TikTokResult.Ok<List<TikTokVideo>>(List<TikTokVideo> videos)
                ? videos.stream().filter(v -> v.id().equals(postId)).map(TikTokVideo::shareUrl).findFirst().orElse(null)
                : null;
    }

    /** Sends the chunk TikTok waits for (its uploaded bytes say which), one per step, in order. */
    private PublishStep upload(PublishAttempt attempt, long uploaded) {
        List<String> parts = attempt.progress().parts();
        if (parts.size() < 4) {
            return new PublishStep.Processing("TikTok is receiving the video");
        }
        long size = Long.parseLong(parts.get(1));
        long chunk = Long.parseLong(parts.get(2));
        int chunks = Integer.parseInt(parts.get(3));
        int index = (int) (uploaded / chunk);
        if (uploaded >= size || index >= chunks) {
            return new PublishStep.Processing("TikTok received the video and is processing it");
        }
        long length = index == chunks - 1 ? size - uploaded : chunk;
        byte[] bytes;
        try {
            bytes = media.range(attempt.content().links().sign().getFirst().url(), uploaded, length);
        } catch (IOException e) {
            return new PublishStep.RetryLater("The video could not be read from the media storage: " + e.getMessage());
        }
        return switch (api.upload(attempt.credentials(), parts.get(0), bytes, uploaded, size)) {
            case TikTokResult.Ok<Long>(Long sent) -> new PublishStep.Processing("uploaded chunk " + (index + 1) + " of "
                    + chunks + " to TikTok");
            case TikTokResult.Failed<Long>(TikTokError error) -> problem(error);
        };
    }

    /**
     * The init was asked for but its publish id was never stored (the instance died with the call in flight): never
     * init again. The post is looked for among the creator's videos: one whose caption is this post's, made within
     * the window around the request and not recorded for another post; none or several: not known yet (the runner
     * looks again, then records the post without its id rather than guess).
     */
    private PublishStep recover(PublishAttempt attempt) {
        Instant requested = attempt.progress().publishRequestedAt();
        if (requested == null || !(api.videos(attempt.credentials(), 20)
                instanceof TikTokResult.Ok<List<TikTokVideo>>(List<TikTokVideo> videos))) {
            return new PublishStep.AlreadyPublished(null, null);
        }
        List<TikTokVideo> matches = videos.stream()
                .filter(v -> v.title().equals(attempt.content().caption()))
                .filter(v -> !v.createdAt().isBefore(requested.minus(CLOCK_SLACK))
                        && !v.createdAt().isAfter(requested.plus(RECOVERY_WINDOW)))
                .filter(v -> !attempt.recordedElsewhere().recorded(v.id()))
                .toList();
        return matches.size() == 1 ? new PublishStep.AlreadyPublished(matches.getFirst().id(),
                matches.getFirst().shareUrl()) : new PublishStep.AlreadyPublished(null, null);
    }

    @Override
    public PlatformResult<PublishingQuota> quota(Credentials credentials) {
        return new PlatformResult.Failed<>(new PlatformProblem.Refused("TikTok does not report a creator's remaining "
                + "posts; it refuses a post over its daily cap (spam_risk_too_many_posts)."));
    }

    /** A FAILED status by its reason: TikTok made the publish and gave up on it, so a new init is safe. */
    private static PublishStep failed(@Nullable String reason) {
        String why = reason == null ? "unknown" : reason;
        return switch (why) {
            case "video_pull_failed" -> new PublishStep.StartOver("TikTok could not fetch the video (video_pull_failed); "
                    + "trying again with a new link.", true);
            case "internal" -> new PublishStep.StartOver("TikTok failed the post with an internal error; trying "
                    + "again.", true);
            case "auth_removed" -> new PublishStep.Held(PublishStep.Held.Cause.TOKEN_REFUSED,
                    "the creator removed Switchboard's access (auth_removed)");
            case "spam_risk_too_many_posts" -> new PublishStep.QuotaReached(Instant.now().plus(CAP_WAIT));
            case "spam_risk_user_banned_from_posting" -> new PublishStep.Held(PublishStep.Held.Cause.RESTRICTED,
                    "TikTok banned the creator from posting (spam_risk_user_banned_from_posting)");
            default -> new PublishStep.Failed(why.toUpperCase(), "TikTok refused the post (" + why + "). Fix the "
                    + "video or the caption to TikTok's rules, then retry the post.");
        };
    }

    /**
     * The init's error. TikTok answered, so nothing was made: a passing fault starts over (a new init later)
     * instead of retrying with the request recorded; only a call that got no answer may have made the post.
     */
    private static PublishStep initProblem(TikTokError error) {
        return switch (error.code()) {
            case "unreachable", "unreadable" -> new PublishStep.RetryLater("TikTok did not answer the post init ("
                    + error.summary() + "); the post is looked for before anything is sent again.");
            case "internal_error" -> new PublishStep.StartOver("TikTok had a passing problem with the post init ("
                    + error.summary() + "); trying again.", true);
            default -> error.httpStatus() >= 500 ? new PublishStep.StartOver("TikTok had a passing problem with the "
                    + "post init (" + error.summary() + "); trying again.", true) : problem(error);
        };
    }

    /** TikTok's documented errors as steps (docs/development/platform-facts.md). */
    static PublishStep problem(TikTokError error) {
        String message = error.summary();
        return switch (error.code()) {
            case "access_token_invalid" -> new PublishStep.Held(PublishStep.Held.Cause.TOKEN_REFUSED, message);
            case "scope_not_authorized", "scope_permission_missed" ->
                    new PublishStep.Held(PublishStep.Held.Cause.PERMISSION_MISSING, message);
            case "spam_risk_user_banned_from_posting" -> new PublishStep.Held(PublishStep.Held.Cause.RESTRICTED, message);
            case "route_down" -> new PublishStep.Held(PublishStep.Held.Cause.ROUTE_DOWN, message);
            case "rate_limit_exceeded" -> new PublishStep.Waiting(Instant.now().plus(RATE_WAIT),
                    "TikTok's rate limit: " + message);
            case "spam_risk_too_many_posts", "spam_risk_too_many_pending_share", "reached_active_user_cap" ->
                    new PublishStep.QuotaReached(Instant.now().plus(CAP_WAIT));
            case "privacy_level_option_mismatch", "unaudited_client_can_only_post_to_private_accounts" ->
                    new PublishStep.Failed("PRIVACY_LEVEL", "TikTok refused the privacy level (" + message + "). An "
                            + "app TikTok has not audited posts only to private accounts, as \"only me\"; check the "
                            + "account's privacy in TikTok, then retry the post.");
            case "url_ownership_unverified" -> new PublishStep.Failed("URL_OWNERSHIP", "TikTok may not fetch videos "
                    + "from this media storage's domain (" + message + "). Verify the domain in the TikTok app's "
                    + "settings, or set SWITCHBOARD_TIKTOK_PULL_FROM_URL=false to upload videos instead; then retry.");
            case "internal_error", "unreachable", "unreadable" -> new PublishStep.RetryLater("TikTok had a passing "
                    + "problem: " + message);
            default -> error.httpStatus() >= 500 ? new PublishStep.RetryLater("TikTok had a passing problem: " + message)
                    : new PublishStep.Failed(error.code().toUpperCase(), "TikTok refused the post (" + message
                    + "). Fix it, then retry the post.");
        };
    }
}
