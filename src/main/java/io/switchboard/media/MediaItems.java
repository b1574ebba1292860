package io.switchboard.media;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static switchboard.jooq.Tables.MEDIA_ITEM;
import static switchboard.jooq.Tables.MEDIA_TAG;
import static switchboard.jooq.Tables.MEDIA_USAGE;

/** Media items and their tags. Lists are keyset pages over the primary key, newest first. */
@Repository
class MediaItems {
    private final DSLContext db;

    MediaItems(DSLContext db) {
        this.db = db;
    }

    record NewItem(MediaType type, String title, String originalName, String contentType, long sizeBytes,
                   String contentHash, String originalKey, Duration coverOffset, String uploadedBy) {
    }

    /** Inserts the item unless one with the same content hash exists; empty then. */
    Optional<Long> insert(NewItem item) {
        return db.insertInto(MEDIA_ITEM)
                .set(MEDIA_ITEM.TYPE, item.type().name())
                .set(MEDIA_ITEM.STATUS, MediaStatus.UPLOADED.name())
                .set(MEDIA_ITEM.TITLE, item.title())
                .set(MEDIA_ITEM.ORIGINAL_NAME, item.originalName())
                .set(MEDIA_ITEM.CONTENT_TYPE, item.contentType())
                .set(MEDIA_ITEM.SIZE_BYTES, item.sizeBytes())
                .set(MEDIA_ITEM.CONTENT_HASH, item.contentHash())
                .set(MEDIA_ITEM.ORIGINAL_KEY, item.originalKey())
                .set(MEDIA_ITEM.COVER_OFFSET_MS, item.coverOffset().toMillis())
                .set(MEDIA_ITEM.UPLOADED_BY, item.uploadedBy())
                .onConflict(MEDIA_ITEM.CONTENT_HASH).doNothing()
                .returning(MEDIA_ITEM.ID)
                .fetchOptional(MEDIA_ITEM.ID);
    }

    Optional<StoredItem> byId(long id) {
        return db.selectFrom(MEDIA_ITEM).where(MEDIA_ITEM.ID.eq(id)).fetchOptional(MediaItems::toItem);
    }

    /** Locks the row for the rest of the transaction. */
    Optional<StoredItem> lock(long id) {
        return db.selectFrom(MEDIA_ITEM).where(MEDIA_ITEM.ID.eq(id)).forUpdate().fetchOptional(MediaItems::toItem);
    }

    Optional<StoredItem> byHash(String contentHash) {
        return db.selectFrom(MEDIA_ITEM).where(MEDIA_ITEM.CONTENT_HASH.eq(contentHash))
                .fetchOptional(MediaItems::toItem);
    }

    Optional<StoredItem> byPrepareTask(long taskId) {
        return db.selectFrom(MEDIA_ITEM).where(MEDIA_ITEM.PREPARE_TASK_ID.eq(taskId))
                .fetchOptional(MediaItems::toItem);
    }

    /** The items with these ids, newest first; only READY ones when {@code readyOnly}. */
    List<StoredItem> byIds(Collection<Long> ids, boolean readyOnly) {
        return db.selectFrom(MEDIA_ITEM).where(MEDIA_ITEM.ID.in(ids))
                .and(readyOnly ? MEDIA_ITEM.STATUS.eq(MediaStatus.READY.name()) : noCondition())
                .orderBy(MEDIA_ITEM.ID.desc())
                .fetch(MediaItems::toItem);
    }

    /** Up to {@code limit} items matching the filter with ids below {@code before} (all when null). */
    List<StoredItem> page(MediaFilter filter, @Nullable Long before, int limit) {
        return db.selectFrom(MEDIA_ITEM)
                .where(matches(filter))
                .and(before == null ? noCondition() : MEDIA_ITEM.ID.lt(before))
                .orderBy(MEDIA_ITEM.ID.desc())
                .limit(limit)
                .fetch(MediaItems::toItem);
    }

    /** Ready items having any of the tags, ids below {@code before} (all when null), newest first. */
    List<StoredItem> readyWithAnyTag(Collection<String> tags, @Nullable Long before, int limit) {
        return db.selectFrom(MEDIA_ITEM)
                .where(MEDIA_ITEM.STATUS.eq(MediaStatus.READY.name()))
                .and(exists(selectOne().from(MEDIA_TAG)
                        .where(MEDIA_TAG.MEDIA_ID.eq(MEDIA_ITEM.ID)).and(MEDIA_TAG.TAG.in(tags))))
                .and(before == null ? noCondition() : MEDIA_ITEM.ID.lt(before))
                .orderBy(MEDIA_ITEM.ID.desc())
                .limit(limit)
                .fetch(MediaItems::toItem);
    }

    private static Condition matches(MediaFilter filter) {
        Condition condition = noCondition();
        if (filter.type() != null) {
            condition = condition.and(MEDIA_ITEM.TYPE.eq(filter.type().name()));
        }
        if (filter.status() != null) {
            condition = condition.and(MEDIA_ITEM.STATUS.eq(filter.status().name()));
        }
        if (filter.tag() != null) {
            condition = condition.and(exists(selectOne().from(MEDIA_TAG)
                    .where(MEDIA_TAG.MEDIA_ID.eq(MEDIA_ITEM.ID)).and(MEDIA_TAG.TAG.eq(filter.tag()))));
        }
        if (filter.used() != null) {
            var usage = selectOne().from(MEDIA_USAGE).where(MEDIA_USAGE.MEDIA_ID.eq(MEDIA_ITEM.ID));
            condition = condition.and(filter.used() ? exists(usage) : notExists(usage));
        }
        return condition;
    }

    Map<Long, List<String>> tags(Collection<Long> ids) {
        return db.select(MEDIA_TAG.MEDIA_ID, MEDIA_TAG.TAG).from(MEDIA_TAG).where(MEDIA_TAG.MEDIA_ID.in(ids))
                .orderBy(MEDIA_TAG.TAG)
                .fetchGroups(MEDIA_TAG.MEDIA_ID, MEDIA_TAG.TAG);
    }

    /** Every tag in use, sorted, for the filter's choices. */
    List<String> allTags() {
        return db.selectDistinct(MEDIA_TAG.TAG).from(MEDIA_TAG).orderBy(MEDIA_TAG.TAG).fetch(MEDIA_TAG.TAG);
    }

    void replaceTags(long id, Collection<String> tags) {
        db.deleteFrom(MEDIA_TAG).where(MEDIA_TAG.MEDIA_ID.eq(id)).execute();
        if (!tags.isEmpty()) {
            var insert = db.insertInto(MEDIA_TAG, MEDIA_TAG.MEDIA_ID, MEDIA_TAG.TAG);
            for (String tag : tags) {
                insert = insert.values(id, tag);
            }
            insert.execute();
        }
    }

    void describe(long id, String title, String defaultCaption, Duration coverOffset) {
        db.update(MEDIA_ITEM)
                .set(MEDIA_ITEM.TITLE, title)
                .set(MEDIA_ITEM.DEFAULT_CAPTION, defaultCaption)
                .set(MEDIA_ITEM.COVER_OFFSET_MS, coverOffset.toMillis())
                .set(MEDIA_ITEM.UPDATED_AT, currentOffsetDateTime())
                .where(MEDIA_ITEM.ID.eq(id)).execute();
    }

    void preparing(long id, @Nullable Long taskId) {
        var update = db.update(MEDIA_ITEM)
                .set(MEDIA_ITEM.STATUS, MediaStatus.PREPARING.name())
                .set(MEDIA_ITEM.REJECTION, (String) null)
                .set(MEDIA_ITEM.UPDATED_AT, currentOffsetDateTime());
        if (taskId != null) {
            update = update.set(MEDIA_ITEM.PREPARE_TASK_ID, taskId);
        }
        update.where(MEDIA_ITEM.ID.eq(id)).execute();
    }

    void probed(long id, MediaType type, String factsJson, String reportJson) {
        db.update(MEDIA_ITEM)
                .set(MEDIA_ITEM.TYPE, type.name())
                .set(MEDIA_ITEM.FACTS, JSONB.valueOf(factsJson))
                .set(MEDIA_ITEM.REPORT, JSONB.valueOf(reportJson))
                .set(MEDIA_ITEM.UPDATED_AT, currentOffsetDateTime())
                .where(MEDIA_ITEM.ID.eq(id)).execute();
    }

    void settle(long id, MediaStatus status, @Nullable String rejection) {
        db.update(MEDIA_ITEM)
                .set(MEDIA_ITEM.STATUS, status.name())
                .set(MEDIA_ITEM.REJECTION, rejection)
                .set(MEDIA_ITEM.UPDATED_AT, currentOffsetDateTime())
                .where(MEDIA_ITEM.ID.eq(id)).execute();
    }

    void delete(long id) {
        db.deleteFrom(MEDIA_ITEM).where(MEDIA_ITEM.ID.eq(id)).execute();
    }

    private static StoredItem toItem(Record r) {
        var m = r.into(MEDIA_ITEM);
        return new StoredItem(m.getId(), MediaType.valueOf(m.getType()), MediaStatus.valueOf(m.getStatus()),
                m.getTitle(), m.getOriginalName(), m.getContentType(), m.getSizeBytes(), m.getContentHash(),
                m.getOriginalKey(), m.getDefaultCaption(), Duration.ofMillis(m.getCoverOffsetMs()), m.getRejection(),
                m.getFacts() == null ? null : m.getFacts().data(), m.getReport() == null ? null : m.getReport().data(),
                m.getPrepareTaskId(), m.getCreatedAt());
    }
}
