package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.util.List;

/**
 * What a post publishes: its options (type, cover, …) as its account's post carries them (overrides applied), its
 * caption for the account, and its media.
 *
 * @param mediaIds the media library's items, in order
 * @param links    the same media as links the platform fetches, signed when asked
 */
public record PostContent(PostOptions options, String caption, List<Long> mediaIds, MediaLinks links) {

    public PostContent {
        mediaIds = List.copyOf(mediaIds);
    }

    public PostType type() {
        return options.type();
    }

    /** Signs links to the post's media; only a step that makes something needs them, so they are made on demand. */
    @FunctionalInterface
    public interface MediaLinks {
        /** The post's media in order, each signed now for {@code switchboard.publishing.fetch-url-ttl}. */
        List<MediaLink> sign();

        /** A custom cover image of the media library ({@link InstagramOptions#coverMediaId()}), signed now. */
        default @Nullable URI signCover() {
            return null;
        }
    }

    /**
     * One media item as the platform fetches it.
     *
     * @param url   its publishable file (the video, the JPEG)
     * @param cover its cover JPEG (for an image, the image itself)
     * @param title    its title in the media library (an image's alt text by default)
     * @param duration how long the publishable video plays; zero for an image or when not known
     */
    public record MediaLink(long mediaId, boolean video, URI url, URI cover, String title,
                            java.time.Duration duration) {
    }
}
