package io.switchboard.media;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static switchboard.jooq.Tables.MEDIA_RENDITION;

/** The files made from media items, and where their bytes are. */
@Repository
class MediaRenditions {
    private final DSLContext db;
    private final MediaJson json;

    MediaRenditions(DSLContext db, MediaJson json) {
        this.db = db;
        this.json = json;
    }

    void save(long mediaId, String storageKey, Rendition rendition) {
        var facts = rendition.facts() == null ? null : JSONB.valueOf(json.write(rendition.facts()));
        var report = rendition.report() == null ? null : JSONB.valueOf(json.write(rendition.report()));
        db.insertInto(MEDIA_RENDITION)
                .set(MEDIA_RENDITION.MEDIA_ID, mediaId)
                .set(MEDIA_RENDITION.KIND, rendition.kind().name())
                .set(MEDIA_RENDITION.STORAGE_KEY, storageKey)
                .set(MEDIA_RENDITION.CONTENT_TYPE, rendition.contentType())
                .set(MEDIA_RENDITION.SIZE_BYTES, rendition.sizeBytes())
                .set(MEDIA_RENDITION.WIDTH, rendition.width())
                .set(MEDIA_RENDITION.HEIGHT, rendition.height())
                .set(MEDIA_RENDITION.DURATION_MS, rendition.duration().toMillis())
                .set(MEDIA_RENDITION.FACTS, facts)
                .set(MEDIA_RENDITION.REPORT, report)
                .onConflict(MEDIA_RENDITION.MEDIA_ID, MEDIA_RENDITION.KIND).doUpdate()
                .set(MEDIA_RENDITION.STORAGE_KEY, storageKey)
                .set(MEDIA_RENDITION.CONTENT_TYPE, rendition.contentType())
                .set(MEDIA_RENDITION.SIZE_BYTES, rendition.sizeBytes())
                .set(MEDIA_RENDITION.WIDTH, rendition.width())
                .set(MEDIA_RENDITION.HEIGHT, rendition.height())
                .set(MEDIA_RENDITION.DURATION_MS, rendition.duration().toMillis())
                .set(MEDIA_RENDITION.FACTS, facts)
                .set(MEDIA_RENDITION.REPORT, report)
                .set(MEDIA_RENDITION.CREATED_AT, org.jooq.impl.DSL.currentOffsetDateTime())
                .execute();
    }

    Optional<StoredRendition> find(long mediaId, RenditionKind kind) {
        return db.selectFrom(MEDIA_RENDITION)
                .where(MEDIA_RENDITION.MEDIA_ID.eq(mediaId)).and(MEDIA_RENDITION.KIND.eq(kind.name()))
                .fetchOptional(this::toRendition);
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

    void deleteAll(long mediaId) {
        db.deleteFrom(MEDIA_RENDITION).where(MEDIA_RENDITION.MEDIA_ID.eq(mediaId)).execute();
    }

    private StoredRendition toRendition(Record record) {
        var r = record.into(MEDIA_RENDITION);
        return new StoredRendition(r.getMediaId(), r.getStorageKey(), new Rendition(
                RenditionKind.valueOf(r.getKind()), r.getContentType(), r.getSizeBytes(), r.getWidth(), r.getHeight(),
                Duration.ofMillis(r.getDurationMs()), json.facts(r.getFacts() == null ? null : r.getFacts().data()),
                json.report(r.getReport() == null ? null : r.getReport().data())));
    }
}
