package io.switchboard.publishing;

import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaType;
import io.switchboard.platform.ContainerRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;

/** What the platform is asked to make for a post: the container request, with signed URLs to our media. */
@Component
class ContainerRequests {
    private final MediaLibrary media;
    private final PublishingSettings settings;

    ContainerRequests(MediaLibrary media, PublishingSettings settings) {
        this.media = media;
        this.settings = settings;
    }

    /** The request for a single-media post (every type but the carousel). */
    ContainerRequest single(CampaignPost post, PostOptions options) {
        long mediaId = post.mediaIds().getFirst();
        URI url = media.signedUrl(mediaId, settings.fetchUrlTtl());
        return switch (options.type()) {
            case REELS -> {
                var reel = ContainerRequest.reel(url, post.caption()).withShareToFeed(options.shareToFeed());
                yield options.coverOffset() != null ? reel.withThumbOffset(options.coverOffset())
                        : reel.withCover(media.signedCoverUrl(mediaId, settings.fetchUrlTtl()));
            }
            case IMAGE -> ContainerRequest.image(url, post.caption());
            case STORIES -> ContainerRequest.story(url, isVideo(mediaId));
            case CAROUSEL -> throw new IllegalArgumentException("a carousel is made of items: see items()");
        };
    }

    /** The carousel's item requests, in order. */
    List<ContainerRequest> items(CampaignPost post) {
        return post.mediaIds().stream()
                .map(id -> ContainerRequest.carouselItem(media.signedUrl(id, settings.fetchUrlTtl()), isVideo(id)))
                .toList();
    }

    private boolean isVideo(long mediaId) {
        return media.find(mediaId).map(m -> m.type() == MediaType.VIDEO).orElse(false);
    }
}
