package io.switchboard.insights;

import io.switchboard.publishing.PostPublished;
import io.switchboard.publishing.PostType;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;

import static switchboard.jooq.Tables.INSIGHT_POST;
import static switchboard.jooq.Tables.INSIGHT_POST_SAMPLE;

/** The posts whose insights are collected: their schedule, latest values and samples. */
@Repository
class PostInsights {
    private final DSLContext db;

    PostInsights(DSLContext db) {
        this.db = db;
    }

    void add(PostPublished post, String platform, OffsetDateTime nextAt) {
        db.insertInto(INSIGHT_POST)
                .set(INSIGHT_POST.POST_ID, post.postId()).set(INSIGHT_POST.ACCOUNT_ID, post.accountId())
                .set(INSIGHT_POST.CAMPAIGN_ID, post.campaignId()).set(INSIGHT_POST.PLATFORM, platform)
                .set(INSIGHT_POST.MEDIA_ID, post.mediaId()).set(INSIGHT_POST.POST_TYPE, post.type().name())
                .set(INSIGHT_POST.CAPTION, post.caption().length() > 300 ? post.caption().substring(0, 300) : post.caption())
                .set(INSIGHT_POST.PERMALINK, post.permalink()).set(INSIGHT_POST.PUBLISHED_AT, post.publishedAt())
                .set(INSIGHT_POST.NEXT_AT, nextAt)
                .onConflict(INSIGHT_POST.POST_ID).doNothing().execute();
    }

    /** Accounts with a post due now, most overdue first. */
    List<Long> accountsDue(OffsetDateTime now, int limit) {
        return db.select(INSIGHT_POST.ACCOUNT_ID).from(INSIGHT_POST)
                .where(INSIGHT_POST.NEXT_AT.le(now))
                .groupBy(INSIGHT_POST.ACCOUNT_ID).orderBy(org.jooq.impl.DSL.min(INSIGHT_POST.NEXT_AT))
                .limit(limit).fetch(INSIGHT_POST.ACCOUNT_ID);
    }

    List<DuePost> due(long accountId, OffsetDateTime now, int limit) {
        return db.select(INSIGHT_POST.POST_ID, INSIGHT_POST.MEDIA_ID, INSIGHT_POST.POST_TYPE, INSIGHT_POST.PUBLISHED_AT)
                .from(INSIGHT_POST)
                .where(INSIGHT_POST.ACCOUNT_ID.eq(accountId).and(INSIGHT_POST.NEXT_AT.le(now)))
                .orderBy(INSIGHT_POST.NEXT_AT).limit(limit)
                .fetch(r -> new DuePost(r.value1(), r.value2(), PostType.valueOf(r.value3()), r.value4()));
    }

    void collected(long postId, PostMetrics m, OffsetDateTime at, @Nullable OffsetDateTime nextAt) {
        var sample = db.newRecord(INSIGHT_POST_SAMPLE);
        sample.setPostId(postId);
        sample.setCollectedAt(at);
        sample.setViews(m.views());
        sample.setReach(m.reach());
        sample.setLikes(m.likes());
        sample.setComments(m.comments());
        sample.setShares(m.shares());
        sample.setSaved(m.saved());
        sample.setInteractions(m.interactions());
        sample.setAvgWatchMs(m.avgWatchMillis());
        // The same instant read twice keeps the later reading.
        db.insertInto(INSIGHT_POST_SAMPLE).set(sample)
                .onConflict(INSIGHT_POST_SAMPLE.POST_ID, INSIGHT_POST_SAMPLE.COLLECTED_AT).doUpdate().set(sample)
                .execute();
        db.update(INSIGHT_POST)
                .set(INSIGHT_POST.VIEWS, m.views()).set(INSIGHT_POST.REACH, m.reach())
                .set(INSIGHT_POST.LIKES, m.likes()).set(INSIGHT_POST.COMMENTS, m.comments())
                .set(INSIGHT_POST.SHARES, m.shares()).set(INSIGHT_POST.SAVED, m.saved())
                .set(INSIGHT_POST.INTERACTIONS, m.interactions()).set(INSIGHT_POST.AVG_WATCH_MS, m.avgWatchMillis())
                .set(INSIGHT_POST.COLLECTED_AT, at).set(INSIGHT_POST.NEXT_AT, nextAt)
                .set(INSIGHT_POST.COLLECTIONS, INSIGHT_POST.COLLECTIONS.plus(1)).setNull(INSIGHT_POST.PROBLEM)
                .where(INSIGHT_POST.POST_ID.eq(postId)).execute();
    }

    /** The platform keeps no (more) insights for the post: its schedule ends, with the reason kept. */
    void stop(long postId, String problem) {
        db.update(INSIGHT_POST).setNull(INSIGHT_POST.NEXT_AT).set(INSIGHT_POST.PROBLEM, problem)
                .where(INSIGHT_POST.POST_ID.eq(postId)).execute();
    }

    /** The account's due posts wait until {@code until} (the account is skipped for now). */
    int postpone(long accountId, OffsetDateTime now, OffsetDateTime until, String problem) {
        return db.update(INSIGHT_POST).set(INSIGHT_POST.NEXT_AT, until).set(INSIGHT_POST.PROBLEM, problem)
                .where(INSIGHT_POST.ACCOUNT_ID.eq(accountId).and(INSIGHT_POST.NEXT_AT.le(now))).execute();
    }
}
