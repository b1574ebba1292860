package io.switchboard.publishing;

import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaType;
import org.springframework.stereotype.Component;

import java.net.URI;

/** What a post publishes, with links to its media signed for the platform when a step asks for them. */
@Component
class PostContents {
    private final MediaLibrary media;
    private final PublishingSettings settings;

    PostContents(MediaLibrary media, PublishingSettings settings) {
        this.media = media;
        this.settings = settings;
    }

    PostContent of(CampaignPost post, PostOptions options) {
        return new PostContent(options, post.caption(), post.mediaIds(),
                () -> post.mediaIds().stream().map(this::link).toList());
    }

    private PostContent.MediaLink link(long mediaId) {
        URI url = media.signedUrl(mediaId, settings.fetchUrlTtl());
        boolean video = isVideo(mediaId);
        return new PostContent.MediaLink(mediaId, video, url,
                video ? media.signedCoverUrl(mediaId, settings.fetchUrlTtl()) : url);
    }

    private boolean isVideo(long mediaId) {
        return media.find(mediaId).map(m -> m.type() == MediaType.VIDEO).orElse(false);
    }
}
