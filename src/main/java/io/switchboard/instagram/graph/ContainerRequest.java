package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A container to create. Use the factories ({@link #reel}, {@link #image}, {@link #story},
 * {@link #carouselItem}, {@link #carousel}, {@link #resumableReel}) and {@link #with(Extras)} for the options.
 *
 * @param mediaUrl the public URL the platform fetches the media from; null for carousels and resumable uploads
 * @param children carousel children's container ids (2..10), empty otherwise
 */
public record ContainerRequest(ContainerKind kind, @Nullable URI mediaUrl, @Nullable String caption,
                               List<String> children, boolean resumable, Extras extras) {

    /**
     * The options beyond the media and caption, by their Graph names (docs/development/platform-facts.md).
     *
     * @param thumbOffsetMillis {@code thumb_offset}: the Reel's cover frame, in ms (ignored when {@code coverUrl}
     *                          is set)
     * @param collaborators     {@code collaborators}: usernames
     * @param locationId        {@code location_id}: a Facebook Page id
     * @param userTags          {@code user_tags}
     * @param trialGraduation   {@code trial_params.graduation_strategy}: MANUAL or SS_PERFORMANCE
     */
    public record Extras(@Nullable Boolean shareToFeed, @Nullable URI coverUrl, @Nullable Long thumbOffsetMillis,
                         @Nullable String altText, List<String> collaborators, @Nullable String locationId,
                         List<UserTag> userTags, @Nullable String audioName, @Nullable String trialGraduation) {
        public static final Extras NONE = new Extras(null, null, null, null, List.of(), null, List.of(), null, null);

        public Extras {
            collaborators = List.copyOf(collaborators);
            userTags = List.copyOf(userTags);
        }

        public Extras withShareToFeed(boolean share) {
            return new Extras(share, coverUrl, thumbOffsetMillis, altText, collaborators, locationId, userTags,
                    audioName, trialGraduation);
        }

        public Extras withCover(@Nullable URI cover) {
            return new Extras(shareToFeed, cover, thumbOffsetMillis, altText, collaborators, locationId, userTags,
                    audioName, trialGraduation);
        }

        public Extras withThumbOffset(@Nullable Duration offset) {
            return new Extras(shareToFeed, coverUrl, offset == null ? null : offset.toMillis(), altText,
                    collaborators, locationId, userTags, audioName, trialGraduation);
        }

        public Extras withAltText(@Nullable String text) {
            return new Extras(shareToFeed, coverUrl, thumbOffsetMillis, text, collaborators, locationId, userTags,
                    audioName, trialGraduation);
        }

        public Extras withCollaborators(List<String> usernames) {
            return new Extras(shareToFeed, coverUrl, thumbOffsetMillis, altText, usernames, locationId, userTags,
                    audioName, trialGraduation);
        }

        public Extras withLocation(@Nullable String pageId) {
            return new Extras(shareToFeed, coverUrl, thumbOffsetMillis, altText, collaborators, pageId, userTags,
                    audioName, trialGraduation);
        }

        public Extras withUserTags(List<UserTag> tags) {
            return new Extras(shareToFeed, coverUrl, thumbOffsetMillis, altText, collaborators, locationId, tags,
                    audioName, trialGraduation);
        }

        public Extras withAudioName(@Nullable String name) {
            return new Extras(shareToFeed, coverUrl, thumbOffsetMillis, altText, collaborators, locationId, userTags,
                    name, trialGraduation);
        }

        public Extras withTrial(@Nullable String graduationStrategy) {
            return new Extras(shareToFeed, coverUrl, thumbOffsetMillis, altText, collaborators, locationId, userTags,
                    audioName, graduationStrategy);
        }
    }

    /** A person tagged: with x and y (0 to 1) on images, username only on Reels. */
    public record UserTag(String username, @Nullable Double x, @Nullable Double y) {
    }

    public static ContainerRequest reel(URI videoUrl, @Nullable String caption) {
        return new ContainerRequest(ContainerKind.REELS, videoUrl, caption, List.of(), false, Extras.NONE);
    }

    /** A Reel whose bytes are sent afterwards with {@link InstagramGraph#upload}. */
    public static ContainerRequest resumableReel(@Nullable String caption) {
        return new ContainerRequest(ContainerKind.REELS, null, caption, List.of(), true, Extras.NONE);
    }

    public static ContainerRequest image(URI imageUrl, @Nullable String caption) {
        return new ContainerRequest(ContainerKind.IMAGE, imageUrl, caption, List.of(), false, Extras.NONE);
    }

    public static ContainerRequest story(URI mediaUrl, boolean video) {
        return new ContainerRequest(video ? ContainerKind.VIDEO_STORY : ContainerKind.IMAGE_STORY, mediaUrl, null,
                List.of(), false, Extras.NONE);
    }

    public static ContainerRequest carouselItem(URI mediaUrl, boolean video) {
        return new ContainerRequest(video ? ContainerKind.VIDEO_CAROUSEL_ITEM : ContainerKind.IMAGE_CAROUSEL_ITEM,
                mediaUrl, null, List.of(), false, Extras.NONE);
    }

    public static ContainerRequest carousel(List<String> childContainerIds, @Nullable String caption) {
        return new ContainerRequest(ContainerKind.CAROUSEL, null, caption, List.copyOf(childContainerIds), false,
                Extras.NONE);
    }

    public ContainerRequest with(Extras options) {
        return new ContainerRequest(kind, mediaUrl, caption, children, resumable, options);
    }

    public ContainerRequest withShareToFeed(boolean share) {
        return with(extras.withShareToFeed(share));
    }

    public ContainerRequest withCover(URI cover) {
        return with(extras.withCover(cover));
    }

    public ContainerRequest withThumbOffset(Duration offset) {
        return with(extras.withThumbOffset(offset));
    }

    public ContainerRequest withAltText(String text) {
        return with(extras.withAltText(text));
    }

    public ContainerRequest withCollaborators(List<String> usernames) {
        return with(extras.withCollaborators(usernames));
    }
}
