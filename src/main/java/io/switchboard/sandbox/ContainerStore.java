package io.switchboard.sandbox;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.types.DayToSecond;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.SANDBOX_ACCOUNT;
import static switchboard.jooq.Tables.SANDBOX_COMMENT;
import static switchboard.jooq.Tables.SANDBOX_CONTAINER;
import static switchboard.jooq.Tables.SANDBOX_HASHTAG;
import static switchboard.jooq.Tables.SANDBOX_MEDIA;
import static switchboard.jooq.Tables.SANDBOX_MEDIA_CHECK;

/** Containers, the posts published from them, hashtags, and what checked media was found to be. */
@Repository
class ContainerStore {
    private final DSLContext db;

    ContainerStore(DSLContext db) {
        this.db = db;
    }

    record NewContainer(long accountId, String mediaType, boolean carouselItem, boolean video,
                        @Nullable String mediaUrl, boolean resumable, @Nullable String caption, List<Long> children,
                        @Nullable Boolean shareToFeed, String optionsJson) {
    }

    /** A comment on a published post, with its author's username. */
    record Comment(long id, long mediaId, String username, String text, OffsetDateTime createdAt) {
    }

    SandboxContainer insert(NewContainer c, Duration processingDelay) {
        return db.insertInto(SANDBOX_CONTAINER)
                .set(SANDBOX_CONTAINER.ACCOUNT_ID, c.accountId()).set(SANDBOX_CONTAINER.MEDIA_TYPE, c.mediaType())
                .set(SANDBOX_CONTAINER.CAROUSEL_ITEM, c.carouselItem()).set(SANDBOX_CONTAINER.VIDEO, c.video())
                .set(SANDBOX_CONTAINER.MEDIA_URL, c.mediaUrl()).set(SANDBOX_CONTAINER.RESUMABLE, c.resumable())
                .set(SANDBOX_CONTAINER.CAPTION, c.caption())
                .set(SANDBOX_CONTAINER.CHILDREN, c.children().isEmpty() ? null : c.children().toArray(Long[]::new))
                .set(SANDBOX_CONTAINER.SHARE_TO_FEED, c.shareToFeed())
                .set(SANDBOX_CONTAINER.OPTIONS, org.jooq.JSONB.valueOf(c.optionsJson()))
                .set(SANDBOX_CONTAINER.READY_NOT_BEFORE, currentOffsetDateTime().plus(DayToSecond.valueOf(processingDelay)))
                .returning().fetchSingle(ContainerStore::container);
    }

    Optional<SandboxContainer> byId(long id) {
        return db.selectFrom(SANDBOX_CONTAINER).where(SANDBOX_CONTAINER.ID.eq(id)).fetchOptional(ContainerStore::container);
    }

    Optional<SandboxContainer> lock(long id) {
        return db.selectFrom(SANDBOX_CONTAINER).where(SANDBOX_CONTAINER.ID.eq(id)).forUpdate()
                .fetchOptional(ContainerStore::container);
    }

    List<SandboxContainer> byIds(Collection<Long> ids) {
        return db.selectFrom(SANDBOX_CONTAINER).where(SANDBOX_CONTAINER.ID.in(ids)).fetch(ContainerStore::container);
    }

    void setMediaUrl(long id, String url) {
        db.update(SANDBOX_CONTAINER).set(SANDBOX_CONTAINER.MEDIA_URL, url).where(SANDBOX_CONTAINER.ID.eq(id)).execute();
    }

    /** The fetch and check finished; with an error, the container will report ERROR with it. */
    void checked(long id, MediaVerdict.@Nullable Failure failure) {
        db.update(SANDBOX_CONTAINER).set(SANDBOX_CONTAINER.CHECKED_AT, currentOffsetDateTime())
                .set(SANDBOX_CONTAINER.ERROR_CODE, failure == null ? null : failure.code())
                .set(SANDBOX_CONTAINER.ERROR_SUBCODE, failure == null ? null : failure.subcode())
                .set(SANDBOX_CONTAINER.ERROR_MESSAGE, failure == null ? null : failure.message())
                .where(SANDBOX_CONTAINER.ID.eq(id)).execute();
    }

    long publish(SandboxContainer container) {
        db.update(SANDBOX_CONTAINER).set(SANDBOX_CONTAINER.PUBLISHED_AT, currentOffsetDateTime())
                .where(SANDBOX_CONTAINER.ID.eq(container.id())).execute();
        return db.insertInto(SANDBOX_MEDIA)
                .set(SANDBOX_MEDIA.ACCOUNT_ID, container.accountId()).set(SANDBOX_MEDIA.CONTAINER_ID, container.id())
                .set(SANDBOX_MEDIA.MEDIA_TYPE, container.mediaType().equals("REELS") ? "VIDEO" : container.mediaType()
                        .equals("CAROUSEL") ? "CAROUSEL_ALBUM" : container.mediaType())
                .set(SANDBOX_MEDIA.MEDIA_URL, container.mediaUrl()).set(SANDBOX_MEDIA.CAPTION, container.caption())
                .returning(SANDBOX_MEDIA.ID).fetchSingle(SANDBOX_MEDIA.ID);
    }

    /** Posts of the account within the rolling window, oldest first. */
    List<OffsetDateTime> publishedWithin(long accountId, Duration window) {
        return db.select(SANDBOX_MEDIA.PUBLISHED_AT).from(SANDBOX_MEDIA)
                .where(SANDBOX_MEDIA.ACCOUNT_ID.eq(accountId)
                        .and(SANDBOX_MEDIA.PUBLISHED_AT.gt(currentOffsetDateTime().minus(DayToSecond.valueOf(window)))))
                .orderBy(SANDBOX_MEDIA.PUBLISHED_AT).fetch(SANDBOX_MEDIA.PUBLISHED_AT);
    }

    Optional<SandboxPost> post(long id) {
        return db.selectFrom(SANDBOX_MEDIA).where(SANDBOX_MEDIA.ID.eq(id)).fetchOptional(ContainerStore::post);
    }

    /** The account's posts, newest first, after the cursor (a media id). */
    List<SandboxPost> posts(long accountId, @Nullable Long before, int limit) {
        org.jooq.Condition where = SANDBOX_MEDIA.ACCOUNT_ID.eq(accountId);
        if (before != null) {
            where = where.and(SANDBOX_MEDIA.ID.lt(before));
        }
        return db.selectFrom(SANDBOX_MEDIA).where(where).orderBy(SANDBOX_MEDIA.ID.desc()).limit(limit)
                .fetch(ContainerStore::post);
    }

    int postCount(long accountId) {
        return db.fetchCount(SANDBOX_MEDIA, SANDBOX_MEDIA.ACCOUNT_ID.eq(accountId));
    }

    List<SandboxPost> latestPosts(int limit) {
        return db.selectFrom(SANDBOX_MEDIA).orderBy(SANDBOX_MEDIA.ID.desc()).limit(limit).fetch(ContainerStore::post);
    }

    /** Posts whose caption carries the hashtag, newest first, optionally only those since a time. */
    List<SandboxPost> postsWithHashtag(String hashtag, @Nullable Duration within, @Nullable Long before, int limit) {
        org.jooq.Condition where = SANDBOX_MEDIA.CAPTION.likeIgnoreCase("%#" + hashtag.replace("%", "").replace("_", "\\_") + "%");
        if (within != null) {
            where = where.and(SANDBOX_MEDIA.PUBLISHED_AT.gt(currentOffsetDateTime().minus(DayToSecond.valueOf(within))));
        }
        if (before != null) {
            where = where.and(SANDBOX_MEDIA.ID.lt(before));
        }
        return db.selectFrom(SANDBOX_MEDIA).where(where).orderBy(SANDBOX_MEDIA.ID.desc()).limit(limit)
                .fetch(ContainerStore::post);
    }

    long hashtagId(String name) {
        return db.insertInto(SANDBOX_HASHTAG).set(SANDBOX_HASHTAG.NAME, name)
                .onConflict(SANDBOX_HASHTAG.NAME).doUpdate().set(SANDBOX_HASHTAG.NAME, name)
                .returning(SANDBOX_HASHTAG.ID).fetchSingle(SANDBOX_HASHTAG.ID);
    }

    Optional<String> hashtag(long id) {
        return db.select(SANDBOX_HASHTAG.NAME).from(SANDBOX_HASHTAG).where(SANDBOX_HASHTAG.ID.eq(id))
                .fetchOptional(SANDBOX_HASHTAG.NAME);
    }

    Optional<MediaVerdict> knownVerdict(byte[] sha256, String kind) {
        return db.selectFrom(SANDBOX_MEDIA_CHECK)
                .where(SANDBOX_MEDIA_CHECK.SHA256.eq(sha256).and(SANDBOX_MEDIA_CHECK.KIND.eq(kind)))
                .fetchOptional(r -> r.getErrorSubcode() == null ? MediaVerdict.ACCEPTED
                        : new MediaVerdict(new MediaVerdict.Failure(r.getErrorCode(), r.getErrorSubcode(),
                        r.getErrorMessage())));
    }

    /**
     * The verdict on these bytes for this kind: the one remembered, or the checker's, remembered. Concurrent takers
     * of the same bytes, on any instance, wait for the first one's check (a transaction-scoped advisory lock on the
     * hash), so each distinct file is checked once however many containers fetch it at the same moment.
     */
    MediaVerdict verdictOnce(byte[] sha256, String kind, java.util.function.Supplier<MediaVerdict> checker) {
        return db.transactionResult(tx -> {
            DSLContext locked = tx.dsl();
            locked.execute("SELECT pg_advisory_xact_lock({0})", java.nio.ByteBuffer.wrap(sha256).getLong());
            return new ContainerStore(locked).knownVerdict(sha256, kind).orElseGet(() -> {
                MediaVerdict verdict = checker.get();
                new ContainerStore(locked).rememberVerdict(sha256, kind, verdict);
                return verdict;
            });
        });
    }

    void rememberVerdict(byte[] sha256, String kind, MediaVerdict verdict) {
        MediaVerdict.Failure failure = verdict.failure();
        db.insertInto(SANDBOX_MEDIA_CHECK).set(SANDBOX_MEDIA_CHECK.SHA256, sha256).set(SANDBOX_MEDIA_CHECK.KIND, kind)
                .set(SANDBOX_MEDIA_CHECK.ERROR_CODE, failure == null ? null : failure.code())
                .set(SANDBOX_MEDIA_CHECK.ERROR_SUBCODE, failure == null ? null : failure.subcode())
                .set(SANDBOX_MEDIA_CHECK.ERROR_MESSAGE, failure == null ? null : failure.message())
                .onConflictDoNothing().execute();
    }

    /** The options a container was made with, as sent (a JSON object of the parameters' texts). */
    String options(long containerId) {
        return db.select(SANDBOX_CONTAINER.OPTIONS).from(SANDBOX_CONTAINER).where(SANDBOX_CONTAINER.ID.eq(containerId))
                .fetchOptional(SANDBOX_CONTAINER.OPTIONS).map(org.jooq.JSONB::data).orElse("{}");
    }

    long comment(long mediaId, long accountId, String text) {
        return db.insertInto(SANDBOX_COMMENT).set(SANDBOX_COMMENT.MEDIA_ID, mediaId)
                .set(SANDBOX_COMMENT.ACCOUNT_ID, accountId).set(SANDBOX_COMMENT.TEXT, text)
                .returning(SANDBOX_COMMENT.ID).fetchSingle(SANDBOX_COMMENT.ID);
    }

    /** The post's comments, newest first. */
    List<Comment> comments(long mediaId, int limit) {
        return db.select(SANDBOX_COMMENT.ID, SANDBOX_COMMENT.MEDIA_ID, SANDBOX_ACCOUNT.USERNAME, SANDBOX_COMMENT.TEXT,
                        SANDBOX_COMMENT.CREATED_AT)
                .from(SANDBOX_COMMENT).join(SANDBOX_ACCOUNT).on(SANDBOX_ACCOUNT.ID.eq(SANDBOX_COMMENT.ACCOUNT_ID))
                .where(SANDBOX_COMMENT.MEDIA_ID.eq(mediaId)).orderBy(SANDBOX_COMMENT.ID.desc()).limit(limit)
                .fetch(r -> new Comment(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    OffsetDateTime now() {
        return db.select(currentOffsetDateTime()).fetchSingle().value1();
    }

    private static SandboxContainer container(Record r) {
        Long[] children = r.get(SANDBOX_CONTAINER.CHILDREN);
        return new SandboxContainer(r.get(SANDBOX_CONTAINER.ID), r.get(SANDBOX_CONTAINER.ACCOUNT_ID),
                r.get(SANDBOX_CONTAINER.MEDIA_TYPE), r.get(SANDBOX_CONTAINER.CAROUSEL_ITEM),
                r.get(SANDBOX_CONTAINER.VIDEO), r.get(SANDBOX_CONTAINER.MEDIA_URL), r.get(SANDBOX_CONTAINER.RESUMABLE),
                r.get(SANDBOX_CONTAINER.CAPTION), children == null ? List.of() : Arrays.asList(children),
                r.get(SANDBOX_CONTAINER.CREATED_AT), r.get(SANDBOX_CONTAINER.READY_NOT_BEFORE),
                r.get(SANDBOX_CONTAINER.CHECKED_AT), r.get(SANDBOX_CONTAINER.ERROR_CODE),
                r.get(SANDBOX_CONTAINER.ERROR_SUBCODE), r.get(SANDBOX_CONTAINER.ERROR_MESSAGE),
                r.get(SANDBOX_CONTAINER.PUBLISHED_AT));
    }

    private static SandboxPost post(Record r) {
        return new SandboxPost(r.get(SANDBOX_MEDIA.ID), r.get(SANDBOX_MEDIA.ACCOUNT_ID), r.get(SANDBOX_MEDIA.CONTAINER_ID),
                r.get(SANDBOX_MEDIA.MEDIA_TYPE), r.get(SANDBOX_MEDIA.MEDIA_URL), r.get(SANDBOX_MEDIA.CAPTION),
                r.get(SANDBOX_MEDIA.PUBLISHED_AT));
    }
}
