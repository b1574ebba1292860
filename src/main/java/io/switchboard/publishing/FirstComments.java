package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.POST_FIRST_COMMENT;

/** Posts' first comments: the request recorded before the call, the comment id stored as soon as it is known. */
@Repository
class FirstComments {
    private static final int INSERT_CHUNK = 10_000;
    private final DSLContext db;

    FirstComments(DSLContext db) {
        this.db = db;
    }

    void insert(Map<Long, String> messagesByPost) {
        if (messagesByPost.isEmpty()) {
            return;
        }
        // in statements of INSERT_CHUNK rows: one statement takes at most 32,767 bound values
        var entries = List.copyOf(messagesByPost.entrySet());
        for (int from = 0; from < entries.size(); from += INSERT_CHUNK) {
            var insert = db.insertInto(POST_FIRST_COMMENT, POST_FIRST_COMMENT.POST_ID, POST_FIRST_COMMENT.MESSAGE);
            for (var entry : entries.subList(from, Math.min(entries.size(), from + INSERT_CHUNK))) {
                insert = insert.values(entry.getKey(), entry.getValue());
            }
            insert.execute();
        }
    }

    Optional<FirstComment> find(long postId) {
        return db.selectFrom(POST_FIRST_COMMENT).where(POST_FIRST_COMMENT.POST_ID.eq(postId))
                .fetchOptional(FirstComments::comment);
    }

    Map<Long, FirstComment> findAll(Collection<Long> postIds) {
        return postIds.isEmpty() ? Map.of() : db.selectFrom(POST_FIRST_COMMENT)
                .where(POST_FIRST_COMMENT.POST_ID.in(postIds)).fetch(FirstComments::comment).stream()
                .collect(Collectors.toMap(FirstComment::postId, c -> c));
    }

    /** Records that a run comments now (the call follows); a request recorded before keeps its time. */
    OffsetDateTime requested(long postId) {
        return db.update(POST_FIRST_COMMENT)
                .set(POST_FIRST_COMMENT.REQUESTED_AT, org.jooq.impl.DSL.coalesce(POST_FIRST_COMMENT.REQUESTED_AT,
                        currentOffsetDateTime()))
                .set(POST_FIRST_COMMENT.UPDATED_AT, currentOffsetDateTime())
                .where(POST_FIRST_COMMENT.POST_ID.eq(postId)).returning(POST_FIRST_COMMENT.REQUESTED_AT)
                .fetchSingle(POST_FIRST_COMMENT.REQUESTED_AT);
    }

    void posted(long postId, String commentId) {
        db.update(POST_FIRST_COMMENT).set(POST_FIRST_COMMENT.STATUS, FirstComment.Status.POSTED.dbValue())
                .set(POST_FIRST_COMMENT.COMMENT_ID, commentId).setNull(POST_FIRST_COMMENT.ERROR)
                .set(POST_FIRST_COMMENT.POSTED_AT, currentOffsetDateTime())
                .set(POST_FIRST_COMMENT.UPDATED_AT, currentOffsetDateTime())
                .where(POST_FIRST_COMMENT.POST_ID.eq(postId)).execute();
    }

    /** Failed for good (or a passing problem when {@code status} stays pending), with the reason shown. */
    void problem(long postId, FirstComment.Status status, String reason) {
        db.update(POST_FIRST_COMMENT).set(POST_FIRST_COMMENT.STATUS, status.dbValue())
                .set(POST_FIRST_COMMENT.ERROR, reason).set(POST_FIRST_COMMENT.UPDATED_AT, currentOffsetDateTime())
                .where(POST_FIRST_COMMENT.POST_ID.eq(postId)
                        .and(POST_FIRST_COMMENT.STATUS.ne(FirstComment.Status.POSTED.dbValue()))).execute();
    }

    /**
     * A failed first comment is to be tried again; its recorded request is kept, so the next run looks for it among
     * the post's comments before commenting. Returns whether it was failed.
     */
    boolean retry(long postId) {
        return db.update(POST_FIRST_COMMENT).set(POST_FIRST_COMMENT.STATUS, FirstComment.Status.PENDING.dbValue())
                .setNull(POST_FIRST_COMMENT.ERROR).set(POST_FIRST_COMMENT.UPDATED_AT, currentOffsetDateTime())
                .where(POST_FIRST_COMMENT.POST_ID.eq(postId)
                        .and(POST_FIRST_COMMENT.STATUS.eq(FirstComment.Status.FAILED.dbValue()))).execute() == 1;
    }


    private static FirstComment comment(Record r) {
        return new FirstComment(r.get(POST_FIRST_COMMENT.POST_ID), r.get(POST_FIRST_COMMENT.MESSAGE),
                FirstComment.Status.fromDb(r.get(POST_FIRST_COMMENT.STATUS)), r.get(POST_FIRST_COMMENT.REQUESTED_AT),
                r.get(POST_FIRST_COMMENT.COMMENT_ID), r.get(POST_FIRST_COMMENT.ERROR),
                r.get(POST_FIRST_COMMENT.POSTED_AT));
    }
}
