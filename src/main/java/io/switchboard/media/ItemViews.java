package io.switchboard.media;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns stored rows into the public {@link MediaItem}s: three queries for a whole page, not three per item. */
@Component
class ItemViews {
    private final MediaItems items;
    private final MediaRenditions renditions;
    private final MediaUsages usages;

    ItemViews(MediaItems items, MediaRenditions renditions, MediaUsages usages) {
        this.items = items;
        this.renditions = renditions;
        this.usages = usages;
    }

    List<MediaItem> of(List<StoredItem> stored) {
        if (stored.isEmpty()) {
            return List.of();
        }
        List<Long> ids = stored.stream().map(StoredItem::id).toList();
        Map<Long, List<String>> tags = items.tags(ids);
        Map<Long, List<String>> holders = usages.holders(ids);
        Map<Long, Rendition> publishable = renditions.ofKind(ids, RenditionKind.PUBLISHABLE).stream()
                .collect(Collectors.toMap(StoredRendition::mediaId, StoredRendition::rendition));
        return stored.stream().map(s -> view(s, tags.getOrDefault(s.id(), List.of()),
                s.status() == MediaStatus.READY ? publishable.get(s.id()) : null,
                holders.getOrDefault(s.id(), List.of()))).toList();
    }

    MediaItem of(StoredItem stored) {
        return of(List.of(stored)).getFirst();
    }

    private static MediaItem view(StoredItem s, List<String> tags, @Nullable Rendition publishable, List<String> holders) {
        return new MediaItem(s.id(), s.type(), s.status(), s.title(), s.originalName(), List.copyOf(tags),
                s.defaultCaption(), s.coverOffset(), s.sizeBytes(), s.rejection(), publishable, List.copyOf(holders),
                s.createdAt());
    }
}
