package io.switchboard.publishing;

import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;

/** What a post publishes, with links to its media signed for the platform when a step asks for them. */
@Component
class PostContents {
    private final MediaLibrary media;
    private final PublishingSettings settings;

    PostContents(MediaLibrary media, PublishingSettings settings) {
        this.media = media;
        this.settings = settings;
    }

    PostContent of(CampaignPost post, PostOptions campaignOptions) {
        PostOptions options = campaignOptions.forAccount(post.accountId());
        Long cover = options.instagram().coverMediaId();
        return new PostContent(options, post.caption(), post.mediaIds(), new PostContent.MediaLinks() {
            @Override
            public List<PostContent.MediaLink> sign() {
                return post.mediaIds().stream().map(PostContents.this::link).toList();
            }

            @Override
            public @Nullable URI signCover() {
                return cover == null ? null : media.signedUrl(cover, settings.fetchUrlTtl());
            }
        });
    }

    private PostContent.MediaLink link(long mediaId) {
        URI url = media.signedUrl(mediaId, settings.fetchUrlTtl());
        MediaItem item = media.find(mediaId).orElse(null);
        boolean video = item != null && item.type() == MediaType.VIDEO;
        return new PostContent.MediaLink(mediaId, video, url,
                video ? media.signedCoverUrl(mediaId, settings.fetchUrlTtl()) : url, item == null ? "" : item.title(),
                video && item.publishable() != null ? item.publishable().duration() : java.time.Duration.ZERO);
    }
}
