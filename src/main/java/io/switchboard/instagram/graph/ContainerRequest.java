package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A container to create. Use the factories ({@link #reel}, {@link #image}, {@link #story},
 * {@link #carouselItem}, {@link #carousel}, {@link #resumableReel}) and the {@code with…} options.
 *
 * @param mediaUrl        the public URL the platform fetches the media from; null for carousels and resumable
 *                        uploads
 * @param children        carousel children's container ids (2..10), empty otherwise
 * @param thumbOffsetMillis the Reel's cover frame, in milliseconds (ignored when {@code coverUrl} is set)
 * @param collaborators   usernames invited as collaborators (at most 3)
 */
public record ContainerRequest(ContainerKind kind, @Nullable URI mediaUrl, @Nullable String caption,
                               List<String> children, @Nullable Boolean shareToFeed, @Nullable URI coverUrl,
                               @Nullable Long thumbOffsetMillis, @Nullable String altText, List<String> collaborators,
                               boolean resumable) {

    public static ContainerRequest reel(URI videoUrl, @Nullable String caption) {
        return new ContainerRequest(ContainerKind.REELS, videoUrl, caption, List.of(), null, null, null, null,
                List.of(), false);
    }

    /** A Reel whose bytes are sent afterwards with {@link InstagramGraph#upload}. */
    public static ContainerRequest resumableReel(@Nullable String caption) {
        return new ContainerRequest(ContainerKind.REELS, null, caption, List.of(), null, null, null, null,
                List.of(), true);
    }

    public static ContainerRequest image(URI imageUrl, @Nullable String caption) {
        return new ContainerRequest(ContainerKind.IMAGE, imageUrl, caption, List.of(), null, null, null, null,
                List.of(), false);
    }

    public static ContainerRequest story(URI mediaUrl, boolean video) {
        return new ContainerRequest(video ? ContainerKind.VIDEO_STORY : ContainerKind.IMAGE_STORY, mediaUrl, null,
                List.of(), null, null, null, null, List.of(), false);
    }

    public static ContainerRequest carouselItem(URI mediaUrl, boolean video) {
        return new ContainerRequest(video ? ContainerKind.VIDEO_CAROUSEL_ITEM : ContainerKind.IMAGE_CAROUSEL_ITEM,
                mediaUrl, null, List.of(), null, null, null, null, List.of(), false);
    }

    public static ContainerRequest carousel(List<String> childContainerIds, @Nullable String caption) {
        return new ContainerRequest(ContainerKind.CAROUSEL, null, caption, List.copyOf(childContainerIds), null,
                null, null, null, List.of(), false);
    }

    public ContainerRequest withShareToFeed(boolean share) {
        return new ContainerRequest(kind, mediaUrl, caption, children, share, coverUrl, thumbOffsetMillis, altText,
                collaborators, resumable);
    }

    public ContainerRequest withCover(URI cover) {
        return new ContainerRequest(kind, mediaUrl, caption, children, shareToFeed, cover, thumbOffsetMillis,
                altText, collaborators, resumable);
    }

    public ContainerRequest withThumbOffset(Duration offset) {
        return new ContainerRequest(kind, mediaUrl, caption, children, shareToFeed, coverUrl, offset.toMillis(),
                altText, collaborators, resumable);
    }

    public ContainerRequest withAltText(String text) {
        return new ContainerRequest(kind, mediaUrl, caption, children, shareToFeed, coverUrl, thumbOffsetMillis,
                text, collaborators, resumable);
    }

    public ContainerRequest withCollaborators(List<String> usernames) {
        return new ContainerRequest(kind, mediaUrl, caption, children, shareToFeed, coverUrl, thumbOffsetMillis,
                altText, List.copyOf(usernames), resumable);
    }
}
