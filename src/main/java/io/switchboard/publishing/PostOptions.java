package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * How a campaign's posts are made: what every platform shares, then each platform's own options record.
 *
 * @param shareToFeed  a Reel also appears in the feed
 * @param coverOffset  where in the video the platform takes the Reel's cover frame; null: the media's own
 *                     cover image (chosen on its page)
 * @param carouselSize media per carousel post (2 to 10; ignored for other types)
 * @param instagram    Instagram's options (first comment, collaborators, location, tags…); never null
 * @param tiktok       TikTok's options (privacy level, interactions, disclosure, draft mode, caption); never null
 */
public record PostOptions(PostType type, boolean shareToFeed, @Nullable Duration coverOffset, int carouselSize,
                          InstagramOptions instagram, TikTokOptions tiktok) {

    public PostOptions {
        instagram = instagram == null ? InstagramOptions.NONE : instagram;
        tiktok = tiktok == null ? TikTokOptions.DEFAULT : tiktok;
    }

    public PostOptions(PostType type, boolean shareToFeed, @Nullable Duration coverOffset, int carouselSize,
                       InstagramOptions instagram) {
        this(type, shareToFeed, coverOffset, carouselSize, instagram, TikTokOptions.DEFAULT);
    }

    public PostOptions(PostType type, boolean shareToFeed, @Nullable Duration coverOffset, int carouselSize) {
        this(type, shareToFeed, coverOffset, carouselSize, InstagramOptions.NONE);
    }

    public static PostOptions reels() {
        return new PostOptions(PostType.REELS, true, null, 0);
    }

    /** How many media one post takes. */
    public int mediaPerPost() {
        return type == PostType.CAROUSEL ? carouselSize : 1;
    }

    /** These options as one account's post carries them (its overrides applied). */
    public PostOptions forAccount(long accountId) {
        return new PostOptions(type, shareToFeed, coverOffset, carouselSize, instagram.forAccount(accountId), tiktok);
    }

    public PostOptions withInstagram(InstagramOptions options) {
        return new PostOptions(type, shareToFeed, coverOffset, carouselSize, options, tiktok);
    }

    public PostOptions withTikTok(TikTokOptions options) {
        return new PostOptions(type, shareToFeed, coverOffset, carouselSize, instagram, options);
    }
}
