package io.switchboard.insights;

import io.switchboard.media.MediaLibrary;
import io.switchboard.publishing.Campaigns;
import org.springframework.stereotype.Component;

import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The thumbnails a PDF report shows beside its posts, carried inside the PDF as {@code data:} URIs: the PDF is made
 * without a signed-in browser (and kept for download when scheduled), so it cannot fetch the pages' signed paths.
 * Each post's first media's prepared thumbnail (360 px wide JPEG), at most {@value #MAX_BYTES} bytes each.
 */
@Component
class ReportThumbnails {
    static final int MAX_BYTES = 256 * 1024;
    private final Campaigns campaigns;
    private final MediaLibrary media;

    ReportThumbnails(Campaigns campaigns, MediaLibrary media) {
        this.campaigns = campaigns;
        this.media = media;
    }

    /** By post id; a post whose media is gone or has no thumbnail is left out (the PDF shows a dash). */
    Map<Long, String> of(Collection<PostResult> posts) {
        Map<Long, Long> firstMedia = campaigns.firstMediaOf(posts.stream().map(PostResult::postId).distinct().toList());
        Map<Long, byte[]> jpegs = media.thumbnails(firstMedia.values().stream().distinct().toList(), MAX_BYTES);
        Map<Long, String> uris = new HashMap<>();
        firstMedia.forEach((post, mediaId) -> {
            byte[] jpeg = jpegs.get(mediaId);
            if (jpeg != null) {
                uris.put(post, "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg));
            }
        });
        return uris;
    }
}
