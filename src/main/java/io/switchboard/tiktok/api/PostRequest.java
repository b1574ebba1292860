package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;

import java.net.URI;

/**
 * A video post's init: the post's info and where the video comes from.
 *
 * @param draft        send it to the creator's inbox to finish in TikTok (video.upload) rather than post it
 * @param privacyLevel one of the creator's {@link CreatorInfo#privacyLevelOptions()}; ignored for a draft
 * @param videoUrl     PULL_FROM_URL: the signed URL TikTok fetches; null for FILE_UPLOAD
 * @param videoSize    FILE_UPLOAD: the video's bytes; ignored for PULL_FROM_URL
 */
public record PostRequest(boolean draft, String title, String privacyLevel, boolean disableComment,
                          boolean disableDuet, boolean disableStitch, boolean brandContent, boolean brandOrganic,
                          @Nullable URI videoUrl, long videoSize, long chunkSize) {

    /** Chunks as TikTok counts them: video size over chunk size rounded down, the last taking the rest. */
    public int chunkCount() {
        return videoSize <= chunkSize ? 1 : (int) (videoSize / chunkSize);
    }

    /** The chunk size as sent: a video smaller than a chunk goes whole. */
    public long sentChunkSize() {
        return videoSize <= chunkSize ? videoSize : chunkSize;
    }
}
