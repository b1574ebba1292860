package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an Instagram post carries beyond its media and caption, campaign-wide, with per-account overrides. The
 * platform's names and limits are in docs/development/platform-facts.md; {@link InstagramLimits} checks them before
 * launch.
 *
 * @param firstComment  posted on the post right after it is published, exactly once; null: none
 * @param collaborators usernames invited as collaborators (feed posts, Reels, carousels)
 * @param location      where the post was made (a Facebook Page id with the operator's name for it); null: none
 * @param userTags      people tagged: with x/y (0 to 1) on images and carousel images, by username only on Reels
 * @param altText       images' accessibility text; null: each image's title in the media library
 * @param coverMediaId  a Reel's custom cover, an image of the media library; null: the frame at
 *                      {@link PostOptions#coverOffset()} or the media's own cover
 * @param audioName     the name of a Reel's original audio; null: the platform's default
 * @param trial         publish Reels as trial Reels (shown to non-followers first), graduated this way; null: not
 * @param perAccount    overrides by account id
 */
public record InstagramOptions(@Nullable String firstComment, List<String> collaborators, @Nullable Location location,
                               List<UserTag> userTags, @Nullable String altText, @Nullable Long coverMediaId,
                               @Nullable String audioName, @Nullable TrialGraduation trial,
                               Map<Long, AccountOverride> perAccount) {

    public static final InstagramOptions NONE = new InstagramOptions(null, List.of(), null, List.of(), null, null, null,
            null, Map.of());

    public InstagramOptions {
        firstComment = blankToNull(firstComment);
        collaborators = collaborators == null ? List.of() : List.copyOf(collaborators);
        userTags = userTags == null ? List.of() : List.copyOf(userTags);
        altText = blankToNull(altText);
        audioName = blankToNull(audioName);
        perAccount = perAccount == null ? Map.of() : Map.copyOf(perAccount);
    }

    /** A location by its Facebook Page id, with the operator's name for it. */
    public record Location(String id, String name) {
    }

    /**
     * A person tagged on the post.
     *
     * @param x from the left edge, 0 to 1; null on Reels (tagged by username only)
     * @param y from the top edge, 0 to 1; null on Reels
     */
    public record UserTag(String username, @Nullable Double x, @Nullable Double y) {
    }

    /** How a trial Reel reaches the account's followers. */
    public enum TrialGraduation {
        /** The operator shares it with followers from the Instagram app. */
        MANUAL,
        /** Instagram shares it with followers if it performs well with non-followers. */
        SS_PERFORMANCE
    }

    /**
     * One account's own values; each null (or absent) value keeps the campaign's.
     *
     * @param caption a caption or template ({@code {account.username}}…) used instead of the campaign's
     */
    public record AccountOverride(@Nullable String caption, @Nullable Location location,
                                  @Nullable List<String> collaborators, @Nullable String firstComment) {

        public AccountOverride {
            caption = blankToNull(caption);
            firstComment = blankToNull(firstComment);
            collaborators = collaborators == null ? null : List.copyOf(collaborators);
        }

        boolean empty() {
            return caption == null && location == null && collaborators == null && firstComment == null;
        }
    }

    /** The options one account's post carries: the campaign's, with that account's overrides applied. */
    public InstagramOptions forAccount(long accountId) {
        AccountOverride own = perAccount.get(accountId);
        if (own == null) {
            return withPerAccount(Map.of());
        }
        return new InstagramOptions(own.firstComment() != null ? own.firstComment() : firstComment,
                own.collaborators() != null ? own.collaborators() : collaborators,
                own.location() != null ? own.location() : location, userTags, altText, coverMediaId, audioName, trial,
                Map.of());
    }

    /**
     * With each account's default location given to the accounts that have neither the campaign's location nor an
     * override of their own; the campaign's own choices always win.
     */
    public InstagramOptions withDefaultLocations(Map<Long, Location> defaults) {
        if (location != null || defaults.isEmpty()) {
            return this;
        }
        Map<Long, AccountOverride> merged = new java.util.HashMap<>(perAccount);
        defaults.forEach((accountId, fallback) -> {
            AccountOverride own = merged.get(accountId);
            if (own == null) {
                merged.put(accountId, new AccountOverride(null, fallback, null, null));
            } else if (own.location() == null) {
                merged.put(accountId, new AccountOverride(own.caption(), fallback, own.collaborators(), own.firstComment()));
            }
        });
        return withPerAccount(merged);
    }

    /** The caption or template this account uses instead of the campaign's, if it has one. */
    public @Nullable String captionFor(long accountId) {
        AccountOverride own = perAccount.get(accountId);
        return own == null ? null : own.caption();
    }

    public InstagramOptions withPerAccount(Map<Long, AccountOverride> overrides) {
        Map<Long, AccountOverride> kept = new HashMap<>();
        overrides.forEach((id, o) -> {
            if (!o.empty()) {
                kept.put(id, o);
            }
        });
        return new InstagramOptions(firstComment, collaborators, location, userTags, altText, coverMediaId, audioName,
                trial, kept);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
