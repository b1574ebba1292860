package io.switchboard.media;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Everything known about a media item, for its page.
 *
 * @param originalFacts  what ffprobe read from the upload; null until probed or when unreadable
 * @param originalReport the upload checked rule by rule against the spec; null until probed
 * @param renditions     the files made from it (publishable, cover, thumbnail)
 * @param prepareTaskId  the task that prepared (or prepares) it; null before the first
 */
public record MediaDetail(MediaItem item, @Nullable MediaFacts originalFacts, @Nullable SpecReport originalReport,
                          List<Rendition> renditions, @Nullable Long prepareTaskId) {

    /**
     * The file TikTok would receive (the publishable rendition, else the upload) against TikTok's rules; null for an
     * image or before it was probed.
     */
    public @Nullable SpecReport tiktokReport() {
        if (item.type() != MediaType.VIDEO) {
            return null;
        }
        MediaFacts facts = renditions.stream().filter(r -> r.kind() == RenditionKind.PUBLISHABLE && r.facts() != null)
                .map(Rendition::facts).findFirst().orElse(originalFacts);
        return facts == null ? null : TikTokSpec.check(facts);
    }
}
