package io.switchboard.dashboard;

import io.switchboard.insights.PostResult;
import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.RenditionKind;
import io.switchboard.publishing.Campaigns;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The thumbnails of the posts an insights list shows: each post's first media's icon (the 96 px rendition the
 * calendar shows too; the list draws it at 48 px). Two queries, whatever the number of posts.
 */
@Component
class PostThumbnails {
    /** A post's thumbnail: a signed same-origin path, and the text for {@code alt} (the media's title). */
    record Thumbnail(String path, String alt) {
    }

    private final Campaigns campaigns;
    private final MediaLibrary media;

    PostThumbnails(Campaigns campaigns, MediaLibrary media) {
        this.campaigns = campaigns;
        this.media = media;
    }

    /** By post id; a post whose media is gone or has no thumbnail yet is left out (the page says so). */
    @SafeVarargs
    final Map<Long, Thumbnail> of(Collection<PostResult>... lists) {
        List<Long> postIds = java.util.Arrays.stream(lists).flatMap(Collection::stream).map(PostResult::postId)
                .distinct().toList();
        Map<Long, Long> firstMedia = campaigns.firstMediaOf(postIds);
        Map<Long, MediaItem> ready = new HashMap<>();
        media.readyByIds(firstMedia.values().stream().distinct().toList()).forEach(m -> ready.put(m.id(), m));
        Map<Long, Thumbnail> thumbnails = new HashMap<>();
        firstMedia.forEach((post, mediaId) -> {
            MediaItem item = ready.get(mediaId);
            if (item != null) {
                thumbnails.put(post, new Thumbnail(media.pagePath(mediaId, RenditionKind.ICON), item.title()));
            }
        });
        return thumbnails;
    }
}
