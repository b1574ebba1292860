package io.switchboard.media;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.switchboard.infrastructure.RecentReads;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.MediaRenditionRecord;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static switchboard.jooq.Tables.MEDIA_RENDITION;

/** The files made from media items, and where their bytes are. */
@Repository
class MediaRenditions {
    private final DSLContext db;
    private final MediaJson json;
    /**
     * Renditions found for the file endpoint, read again in the background at most once a second: a burst of
     * fetches of one file needs one read, and none waits for a connection once the file was served. A rendition's
     * key stays the item's for that kind (its bytes, type and size are read from storage on every fetch).
     */
    private final LoadingCache<Key, StoredRendition> served = RecentReads.cache().maximumSize(10_000)
            .build(key -> find(key.mediaId(), key.kind()).orElse(null));

    private record Key(long mediaId, RenditionKind kind) {
    }

    MediaRenditions(DSLContext db, MediaJson json) {
        this.db = db;
        this.json = json;
    }

    /**
     * {@link #find} for serving a file to whoever fetches it: what was found before, read again in the background
     * at most once a second (a change made on this instance is seen at once, one made on another within about a
     * second while the database answers).
     */
    Optional<StoredRendition> findServed(long mediaId, RenditionKind kind) {
        return Optional.ofNullable(served.get(new Key(mediaId, kind)));
    }

    /** The next {@link #findServed} of the rendition reads it (its file is gone, it was replaced). */
    void forgetServed(long mediaId, RenditionKind kind) {
        served.invalidate(new Key(mediaId, kind));
    }

    /** Inserts the rendition, or replaces the item's rendition of that kind. */
    void save(long mediaId, String storageKey, Rendition rendition) {
        MediaRenditionRecord row = db.newRecord(MEDIA_RENDITION);
        row.setMediaId(mediaId);
        row.setKind(rendition.kind().name());
        row.setStorageKey(storageKey);
        row.setContentType(rendition.contentType());
        row.setSizeBytes(rendition.sizeBytes());
        row.setWidth(rendition.width());
        row.setHeight(rendition.height());
        row.setDurationMs(rendition.duration().toMillis());
        row.setFacts(rendition.facts() == null ? null : JSONB.valueOf(json.write(rendition.facts())));
        row.setReport(rendition.report() == null ? null : JSONB.valueOf(json.write(rendition.report())));
        row.setCreatedAt(OffsetDateTime.now());
        db.insertInto(MEDIA_RENDITION).set(row)
                .onConflict(MEDIA_RENDITION.MEDIA_ID, MEDIA_RENDITION.KIND).doUpdate().set(row)
                .execute();
        forgetServed(mediaId, rendition.kind());
    }

    Optional<StoredRendition> find(long mediaId, RenditionKind kind) {
        return db.selectFrom(MEDIA_RENDITION)
                .where(MEDIA_RENDITION.MEDIA_ID.eq(mediaId)).and(MEDIA_RENDITION.KIND.eq(kind.name()))
                .fetchOptional(this::toRendition);
    }

    /** The item's thumbnail and when it was made (its version: a new cover makes a new one). */
    Optional<Versioned> thumbnail(long mediaId) {
        return db.selectFrom(MEDIA_RENDITION)
                .where(MEDIA_RENDITION.MEDIA_ID.eq(mediaId)).and(MEDIA_RENDITION.KIND.eq(RenditionKind.THUMBNAIL.name()))
                .fetchOptional(r -> new Versioned(toRendition(r), r.get(MEDIA_RENDITION.CREATED_AT)));
    }

    record Versioned(StoredRendition stored, OffsetDateTime madeAt) {
    }

    /**
     * Saves an icon made from the thumbnail {@code from}, only when the item has no icon yet and its thumbnail is still
     * that one: an icon saved meanwhile with a new cover is never replaced by one of the old picture.
     */
    boolean saveIconOf(Versioned from, String storageKey, Rendition icon) {
        var thumbnail = MEDIA_RENDITION.as("thumbnail");
        return db.insertInto(MEDIA_RENDITION, MEDIA_RENDITION.MEDIA_ID, MEDIA_RENDITION.KIND, MEDIA_RENDITION.STORAGE_KEY,
                        MEDIA_RENDITION.CONTENT_TYPE, MEDIA_RENDITION.SIZE_BYTES, MEDIA_RENDITION.WIDTH,
                        MEDIA_RENDITION.HEIGHT, MEDIA_RENDITION.DURATION_MS)
                .select(db.select(DSL.val(from.stored().mediaId()), DSL.val(icon.kind().name()), DSL.val(storageKey),
                                DSL.val(icon.contentType()), DSL.val(icon.sizeBytes()), DSL.val(icon.width()),
                                DSL.val(icon.height()), DSL.val(0L))
                        .from(thumbnail)
                        .where(thumbnail.MEDIA_ID.eq(from.stored().mediaId()))
                        .and(thumbnail.KIND.eq(RenditionKind.THUMBNAIL.name()))
                        .and(thumbnail.CREATED_AT.eq(from.madeAt())))
                .onConflictDoNothing()
                .execute() == 1;
    }

    List<StoredRendition> of(long mediaId) {
        return db.selectFrom(MEDIA_RENDITION).where(MEDIA_RENDITION.MEDIA_ID.eq(mediaId))
                .orderBy(MEDIA_RENDITION.KIND).fetch(this::toRendition);
    }

    List<StoredRendition> ofKind(Collection<Long> mediaIds, RenditionKind kind) {
        return db.selectFrom(MEDIA_RENDITION)
                .where(MEDIA_RENDITION.MEDIA_ID.in(mediaIds)).and(MEDIA_RENDITION.KIND.eq(kind.name()))
                .fetch(this::toRendition);
    }

    /** Those of {@code mediaIds} that have a rendition of one of {@code kinds}. */
    java.util.Set<Long> withAnyOf(Collection<Long> mediaIds, Collection<RenditionKind> kinds) {
        return db.selectDistinct(MEDIA_RENDITION.MEDIA_ID).from(MEDIA_RENDITION)
                .where(MEDIA_RENDITION.MEDIA_ID.in(mediaIds))
                .and(MEDIA_RENDITION.KIND.in(kinds.stream().map(RenditionKind::name).toList()))
                .fetchSet(MEDIA_RENDITION.MEDIA_ID);
    }

    void deleteAll(long mediaId) {
        db.deleteFrom(MEDIA_RENDITION).where(MEDIA_RENDITION.MEDIA_ID.eq(mediaId)).execute();
        served.asMap().keySet().removeIf(key -> key.mediaId() == mediaId);
    }

    private StoredRendition toRendition(Record record) {
        var r = record.into(MEDIA_RENDITION);
        return new StoredRendition(r.getMediaId(), r.getStorageKey(), new Rendition(
                RenditionKind.valueOf(r.getKind()), r.getContentType(), r.getSizeBytes(), r.getWidth(), r.getHeight(),
                Duration.ofMillis(r.getDurationMs()), json.facts(r.getFacts() == null ? null : r.getFacts().data()),
                json.report(r.getReport() == null ? null : r.getReport().data())));
    }
}
