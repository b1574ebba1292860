package io.switchboard.publishing;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static switchboard.jooq.Tables.CAMPAIGN_ACCOUNT_TALLY;
import static switchboard.jooq.Tables.CAMPAIGN_POST_TALLY;

/** Campaign posts: inserted at launch, then moved along by the publish runner and the operators' commands. */
@Repository
class PostRepository {
    private static final int INSERT_CHUNK = 2000;
    private static final Field<OffsetDateTime> NOW = currentOffsetDateTime();
    /**
     * A post's reason is kept to this many characters: failed and held posts' reasons are keys of an index (V190),
     * whose entries must fit in a third of a page (2,704 bytes). 600 characters are at most 2,400 bytes in UTF-8 (4
     * bytes each for an emoji), so even a platform's message that does not compress fits; a longer one is cut, never
     * refused.
     */
    static final int REASON_CHARS = 600;
    private final DSLContext db;

    PostRepository(DSLContext db) {
        this.db = db;
    }

    /** Deletes every post of a campaign that has none with the task engine (one being edited whole). */
    void deleteOf(long campaignId) {
        db.deleteFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId)).execute();
    }

    /** Inserts the plan's posts, with what the plan says each waits for; returns their ids in plan order. */
    List<Long> insert(long campaignId, List<Plan.Post> posts) {
        List<Long> ids = new ArrayList<>(posts.size());
        for (int from = 0; from < posts.size(); from += INSERT_CHUNK) {
            var insert = db.insertInto(CAMPAIGN_POST, CAMPAIGN_POST.CAMPAIGN_ID, CAMPAIGN_POST.NUMBER,
                    CAMPAIGN_POST.ACCOUNT_ID, CAMPAIGN_POST.MEDIA_IDS, CAMPAIGN_POST.CAPTION, CAMPAIGN_POST.SCHEDULED_AT,
                    CAMPAIGN_POST.STATUS, CAMPAIGN_POST.WAIT_REASON, CAMPAIGN_POST.WAIT_UNTIL);
            for (Plan.Post post : posts.subList(from, Math.min(posts.size(), from + INSERT_CHUNK))) {
                insert = insert.values(campaignId, post.number(), post.accountId(), post.mediaIds().toArray(Long[]::new),
                        post.caption(), post.at().atOffset(ZoneOffset.UTC), PostStatus.SCHEDULED.dbValue(),
                        post.waitsFor(), post.waitsFor() == null ? null : post.at().atOffset(ZoneOffset.UTC));
            }
            ids.addAll(insert.returning(CAMPAIGN_POST.ID, CAMPAIGN_POST.NUMBER).fetch()
                    .sortAsc(CAMPAIGN_POST.NUMBER).getValues(CAMPAIGN_POST.ID));
        }
        return ids;
    }

    Optional<CampaignPost> find(long postId) {
        return db.selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.ID.eq(postId)).fetchOptional(PostRepository::post);
    }

    /** A campaign's posts, by number, those after {@code afterNumber}; optionally of one status or account. */
    List<CampaignPost> page(long campaignId, @Nullable PostStatus status, @Nullable Long accountId, int afterNumber,
                            int limit) {
        return db.selectFrom(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId).and(CAMPAIGN_POST.NUMBER.gt(afterNumber)))
                .and(status == null ? noCondition() : CAMPAIGN_POST.STATUS.eq(status.dbValue()))
                .and(accountId == null ? noCondition() : CAMPAIGN_POST.ACCOUNT_ID.eq(accountId))
                .orderBy(CAMPAIGN_POST.NUMBER).limit(limit)
                .fetch(PostRepository::post);
    }

    /**
     * Hands the campaign's posts to {@code each} by number, {@code size} at a time, each chunk read after the last one
     * was handled (keyset on the number): launch, approval and export hold one chunk at a time, however large the
     * campaign. {@code unfinishedOnly}: only the posts still to go out ({@link #unfinishedOf(long, int, int)}).
     */
    void inChunks(long campaignId, boolean unfinishedOnly, int size,
                  java.util.function.Consumer<List<CampaignPost>> each) {
        byNumber(size, after -> unfinishedOnly ? unfinishedOf(campaignId, after, size)
                : page(campaignId, null, null, after, size), CampaignPost::number, each);
    }

    /** The keyset loop of {@link #inChunks} and {@link #launchingInChunks}: chunks after the last one's number. */
    private static <T> void byNumber(int size, java.util.function.IntFunction<List<T>> after,
                                     java.util.function.ToIntFunction<T> number,
                                     java.util.function.Consumer<List<T>> each) {
        int last = 0;
        List<T> chunk;
        do {
            chunk = after.apply(last);
            if (!chunk.isEmpty()) {
                each.accept(chunk);
                last = number.applyAsInt(chunk.getLast());
            }
        } while (chunk.size() == size);
    }

    /**
     * Stores the posts {@code planning} hands on as the campaign's, scheduled (one waiting for something waits until
     * its time), with COPY as they come: what {@link CampaignDrafts#launchInto} does from a kept plan, without keeping
     * one. {@code planning} runs while the COPY is open, so it must not use the database.
     */
    void copyScheduled(long campaignId, java.util.function.Consumer<java.util.function.Consumer<Plan.Post>> planning) {
        String scheduled = PostStatus.SCHEDULED.dbValue();
        PlannedPostsCopy.copy(db, "COPY campaign_post (campaign_id, number, account_id, media_ids, caption, "
                + "scheduled_at, status, wait_reason, wait_until) FROM STDIN", planning, (text, post) -> {
            text.append(campaignId).append('\t').append(post.number()).append('\t').append(post.accountId())
                    .append('\t').append(PlannedPostsCopy.mediaIds(post)).append('\t')
                    .append(PlannedPostsCopy.text(post.caption())).append('\t').append(post.at()).append('\t')
                    .append(scheduled).append('\t');
            if (post.waitsFor() == null) {
                text.append("\\N\t\\N");
            } else {
                text.append(PlannedPostsCopy.text(post.waitsFor())).append('\t').append(post.at());
            }
        });
    }

    /** What a launch needs of a stored post to give it its task and first comment. */
    record Launching(long id, long accountId, OffsetDateTime scheduledAt, int number) {
    }

    /**
     * Hands the campaign's posts to {@code each} by number, {@code size} at a time, as {@link #inChunks} does, but
     * reads only what a launch needs (a whole post per row was most of a 200,000-post launch's own CPU).
     */
    void launchingInChunks(long campaignId, int size, java.util.function.Consumer<List<Launching>> each) {
        byNumber(size, after -> db.select(CAMPAIGN_POST.ID, CAMPAIGN_POST.ACCOUNT_ID, CAMPAIGN_POST.SCHEDULED_AT,
                                CAMPAIGN_POST.NUMBER)
                        .from(CAMPAIGN_POST)
                        .where(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId).and(CAMPAIGN_POST.NUMBER.gt(after)))
                        .orderBy(CAMPAIGN_POST.NUMBER).limit(size)
                        .fetch(r -> new Launching(r.value1(), r.value2(), r.value3(), r.value4())),
                Launching::number, each);
    }

    /**
     * Posts of every campaign by scheduled time (then id), those after the position; optionally of one status or
     * account, and within {@code [from, until)}.
     */
    List<CampaignPost> across(@Nullable PostStatus status, @Nullable Long accountId, @Nullable Instant from,
                              @Nullable Instant until, @Nullable Instant afterAt, long afterId, int limit) {
        return db.selectFrom(CAMPAIGN_POST)
                .where(afterAt == null ? noCondition() : row(CAMPAIGN_POST.SCHEDULED_AT, CAMPAIGN_POST.ID)
                        .gt(afterAt.atOffset(ZoneOffset.UTC), afterId))
                .and(status == null ? noCondition() : CAMPAIGN_POST.STATUS.eq(status.dbValue()))
                .and(accountId == null ? noCondition() : CAMPAIGN_POST.ACCOUNT_ID.eq(accountId))
                .and(from == null ? noCondition() : CAMPAIGN_POST.SCHEDULED_AT.ge(from.atOffset(ZoneOffset.UTC)))
                .and(until == null ? noCondition() : CAMPAIGN_POST.SCHEDULED_AT.lt(until.atOffset(ZoneOffset.UTC)))
                .orderBy(CAMPAIGN_POST.SCHEDULED_AT, CAMPAIGN_POST.ID).limit(limit)
                .fetch(PostRepository::post);
    }

    /** The first media of each of these posts (the one a thumbnail shows), by post id; unknown posts are left out. */
    Map<Long, Long> firstMediaOf(Collection<Long> postIds) {
        Map<Long, Long> first = new HashMap<>();
        db.select(CAMPAIGN_POST.ID, CAMPAIGN_POST.MEDIA_IDS).from(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.ID.in(postIds))
                .forEach(r -> {
                    if (r.value2() != null && r.value2().length > 0) {
                        first.put(r.value1(), r.value2()[0]);
                    }
                });
        return first;
    }

    /** The account's latest posts across campaigns, newest first. */
    List<CampaignPost> latestOf(long accountId, int limit) {
        return db.selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.ACCOUNT_ID.eq(accountId))
                .orderBy(CAMPAIGN_POST.ID.desc()).limit(limit).fetch(PostRepository::post);
    }

    /**
     * The account's profile grid as it will look: its next {@code planned} posts still to go out (latest planned
     * first), then its last {@code published} published ones (newest first).
     */
    List<CampaignPost> gridOf(long accountId, int planned, int published) {
        var next = db.selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.ACCOUNT_ID.eq(accountId)
                        .and(CAMPAIGN_POST.STATUS.in(PostStatus.SCHEDULED.dbValue(), PostStatus.WAITING_QUOTA.dbValue(),
                                PostStatus.PROCESSING.dbValue(), PostStatus.PUBLISHING.dbValue(), PostStatus.PAUSED.dbValue())))
                .orderBy(CAMPAIGN_POST.SCHEDULED_AT, CAMPAIGN_POST.ID).limit(planned).fetch(PostRepository::post);
        var done = db.selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.ACCOUNT_ID.eq(accountId)
                        .and(CAMPAIGN_POST.PUBLISHED_AT.isNotNull()))
                .orderBy(CAMPAIGN_POST.PUBLISHED_AT.desc()).limit(published).fetch(PostRepository::post);
        List<CampaignPost> grid = new java.util.ArrayList<>(next.reversed());
        grid.addAll(done);
        return grid;
    }

    PostCounts counts(long campaignId) {
        return countsByCampaign(List.of(campaignId)).getOrDefault(campaignId, PostCounts.of(Map.of()));
    }

    /**
     * Post counts per status of each of these campaigns, in one query of the tally the database keeps with every change
     * of a post (a few rows per campaign, however many posts it has).
     */
    Map<Long, PostCounts> countsByCampaign(Collection<Long> campaignIds) {
        Field<Integer> posts = sum(CAMPAIGN_POST_TALLY.POSTS).cast(Integer.class);
        Map<Long, Map<PostStatus, Integer>> counts = new HashMap<>();
        db.select(CAMPAIGN_POST_TALLY.CAMPAIGN_ID, CAMPAIGN_POST_TALLY.STATUS, posts).from(CAMPAIGN_POST_TALLY)
                .where(CAMPAIGN_POST_TALLY.CAMPAIGN_ID.in(campaignIds))
                .groupBy(CAMPAIGN_POST_TALLY.CAMPAIGN_ID, CAMPAIGN_POST_TALLY.STATUS).having(posts.ne(0))
                .forEach(r -> counts.computeIfAbsent(r.value1(), k -> new EnumMap<>(PostStatus.class))
                        .put(PostStatus.fromDb(r.value2()), r.value3()));
        Map<Long, PostCounts> result = new HashMap<>();
        counts.forEach((campaign, byStatus) -> result.put(campaign, PostCounts.of(byStatus)));
        return result;
    }

    /**
     * Folds each campaign's tally rows into one per status, and its account tally rows into one per account and status
     * (the rows a concurrent change adds meanwhile stay as they are: each statement deletes only what it sums); returns
     * how many folded rows it wrote. The campaigns to fold are found in the small post tally, before it is folded: a
     * change of posts adds rows to both tallies in one statement (a post never moves to another account), so a
     * campaign with account rows to fold has post rows to fold too, and the account tally (a row per account and
     * status of every campaign, 149,000 in the pages benchmark) is read only for those campaigns, by its index,
     * instead of grouped whole every minute (0.5-3.1 s a minute at that size, pages11).
     */
    int foldTallies() {
        return db.execute("WITH busy AS (SELECT campaign_id FROM campaign_post_tally GROUP BY campaign_id "
                + "HAVING count(*) > count(DISTINCT status)), "
                + "folded AS (DELETE FROM campaign_account_tally t USING busy WHERE t.campaign_id = busy.campaign_id "
                + "RETURNING t.campaign_id, t.account_id, t.status, t.posts) "
                + "INSERT INTO campaign_account_tally (campaign_id, account_id, status, posts) "
                + "SELECT campaign_id, account_id, status, sum(posts) FROM folded GROUP BY campaign_id, account_id, status "
                + "HAVING sum(posts) <> 0")
                + db.execute("WITH busy AS (SELECT campaign_id FROM campaign_post_tally GROUP BY campaign_id "
                + "HAVING count(*) > count(DISTINCT status)), "
                + "folded AS (DELETE FROM campaign_post_tally t USING busy WHERE t.campaign_id = busy.campaign_id "
                + "RETURNING t.campaign_id, t.status, t.posts) "
                + "INSERT INTO campaign_post_tally (campaign_id, status, posts) "
                + "SELECT campaign_id, status, sum(posts) FROM folded GROUP BY campaign_id, status HAVING sum(posts) <> 0");
    }

    int unfinishedOf(Collection<Long> accountIds) {
        return db.fetchCount(CAMPAIGN_POST, CAMPAIGN_POST.ACCOUNT_ID.in(accountIds).and(CAMPAIGN_POST.STATUS.in(
                Arrays.stream(PostStatus.values()).filter(s -> !s.finished()).map(PostStatus::dbValue).toList())));
    }

    /**
     * Post counts per status of each account of the campaign, from the tally the database keeps with every change of a
     * post (a few rows per account, however many posts the campaign has); accounts with no post left are not listed.
     */
    Map<Long, PostCounts> countsByAccount(long campaignId) {
        Field<Integer> posts = sum(CAMPAIGN_ACCOUNT_TALLY.POSTS).cast(Integer.class);
        Map<Long, Map<PostStatus, Integer>> counts = new HashMap<>();
        db.select(CAMPAIGN_ACCOUNT_TALLY.ACCOUNT_ID, CAMPAIGN_ACCOUNT_TALLY.STATUS, posts).from(CAMPAIGN_ACCOUNT_TALLY)
                .where(CAMPAIGN_ACCOUNT_TALLY.CAMPAIGN_ID.eq(campaignId))
                .groupBy(CAMPAIGN_ACCOUNT_TALLY.ACCOUNT_ID, CAMPAIGN_ACCOUNT_TALLY.STATUS).having(posts.ne(0))
                .forEach(r -> counts.computeIfAbsent(r.value1(), k -> new EnumMap<>(PostStatus.class))
                        .put(PostStatus.fromDb(r.value2()), r.value3()));
        Map<Long, PostCounts> result = new HashMap<>();
        counts.forEach((account, byStatus) -> result.put(account, PostCounts.of(byStatus)));
        return result;
    }

    void status(long postId, PostStatus status, @Nullable String reason) {
        db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.STATUS, status.dbValue()).set(CAMPAIGN_POST.STATUS_REASON, bounded(reason))
                .set(CAMPAIGN_POST.UPDATED_AT, NOW).where(CAMPAIGN_POST.ID.eq(postId)).execute();
    }

    /**
     * The platform made its object (a container, a publish id): its id is recorded before anything else is done
     * with it. A post whose publish was requested already (the platform publishes it by itself) stays publishing.
     * Only a post without one is given it: a run that lost its lease while its create call was slow must not replace
     * the object the run that took over recorded (and may have asked to publish), or the post would go out twice.
     *
     * @return whether it was recorded
     */
    boolean containerCreated(long postId, long accountId, String containerId, List<String> parts,
                             @Nullable Integer quotaLeft) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.CONTAINER_ID, containerId)
                .set(CAMPAIGN_POST.QUOTA_KEPT, quotaLeft == null ? DSL.inline(false)
                        : DSL.field(DSL.select(count().le(quotaLeft - 1)).from(CAMPAIGN_POST)
                        .where(onTheirWay(accountId, postId))))
                .set(CAMPAIGN_POST.CHILD_CONTAINER_IDS, parts.isEmpty() ? null : parts.toArray(String[]::new))
                .set(CAMPAIGN_POST.CONTAINER_CREATED_AT, NOW)
                .set(CAMPAIGN_POST.POLLS, 0)
                .set(CAMPAIGN_POST.STATUS, when(CAMPAIGN_POST.PUBLISH_REQUESTED_AT.isNull(),
                        PostStatus.PROCESSING.dbValue()).otherwise(PostStatus.PUBLISHING.dbValue()))
                .setNull(CAMPAIGN_POST.STATUS_REASON)
                .set(CAMPAIGN_POST.UPDATED_AT, NOW).where(CAMPAIGN_POST.ID.eq(postId))
                .and(CAMPAIGN_POST.CONTAINER_ID.isNull()).execute() == 1;
    }

    /**
     * The account's other posts on their way to the platform: holding a container or a publish request and not
     * finished (a held or quota-waiting one may still go out with its container).
     */
    private static Condition onTheirWay(long accountId, long postId) {
        return CAMPAIGN_POST.ACCOUNT_ID.eq(accountId).and(CAMPAIGN_POST.ID.ne(postId))
                .and(CAMPAIGN_POST.STATUS.in(PostStatus.PROCESSING.dbValue(), PostStatus.PUBLISHING.dbValue(),
                        PostStatus.PAUSED.dbValue(), PostStatus.WAITING_QUOTA.dbValue(), PostStatus.SCHEDULED.dbValue()))
                .and(CAMPAIGN_POST.CONTAINER_ID.isNotNull().or(CAMPAIGN_POST.PUBLISH_REQUESTED_AT.isNotNull()));
    }

    /** How many of the account's other posts on their way have a quota slot kept for them. */
    int quotaKeptElsewhere(long accountId, long postId) {
        return db.fetchCount(CAMPAIGN_POST, onTheirWay(accountId, postId).and(CAMPAIGN_POST.QUOTA_KEPT));
    }

    /**
     * Counts a look at the container; returns how many there were, how old the container is by the database's
     * clock (null when its making was not recorded) and whether a quota slot is kept for the post, in the same
     * statement.
     */
    Look looked(long postId) {
        Field<Double> age = org.jooq.impl.DSL.field("extract(epoch FROM {0} - {1})", Double.class, NOW,
                CAMPAIGN_POST.CONTAINER_CREATED_AT);
        Record look = db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.POLLS, CAMPAIGN_POST.POLLS.plus(1))
                .set(CAMPAIGN_POST.UPDATED_AT, NOW).where(CAMPAIGN_POST.ID.eq(postId))
                .returningResult(CAMPAIGN_POST.POLLS, age, CAMPAIGN_POST.QUOTA_KEPT).fetchSingle();
        Double seconds = look.get(age);
        return new Look(look.get(CAMPAIGN_POST.POLLS), seconds == null ? null
                : java.time.Duration.ofMillis(Math.round(seconds * 1000)), look.get(CAMPAIGN_POST.QUOTA_KEPT));
    }

    /** A look at a post's container: the how-manieth, the container's age then, whether a quota slot is kept. */
    record Look(int count, java.time.@Nullable Duration containerAge, boolean quotaKept) {
    }

    /** Counts a look at the container; returns how many there were. */
    int polled(long postId) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.POLLS, CAMPAIGN_POST.POLLS.plus(1)).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(CAMPAIGN_POST.ID.eq(postId)).returning(CAMPAIGN_POST.POLLS).fetchSingle(CAMPAIGN_POST.POLLS);
    }

    /**
     * Forgets a container that expired or failed, so the next run makes a new one; only the one the run looked at
     * ({@code looked}, null when it had none): a run that lost its lease never drops a newer container, nor the
     * publish request recorded with it.
     */
    void dropContainer(long postId, @Nullable String looked, PostStatus status, @Nullable String reason) {
        db.update(CAMPAIGN_POST).setNull(CAMPAIGN_POST.CONTAINER_ID).setNull(CAMPAIGN_POST.CHILD_CONTAINER_IDS)
                .setNull(CAMPAIGN_POST.CONTAINER_CREATED_AT).setNull(CAMPAIGN_POST.PUBLISH_REQUESTED_AT)
                .set(CAMPAIGN_POST.POLLS, 0).set(CAMPAIGN_POST.STATUS, status.dbValue())
                .set(CAMPAIGN_POST.STATUS_REASON, bounded(reason)).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(CAMPAIGN_POST.ID.eq(postId)).and(CAMPAIGN_POST.CONTAINER_ID.isNotDistinctFrom(looked)).execute();
    }

    /** The platform refused the call that publishes before making anything: the post is scheduled again. */
    void publishNotRequested(long postId) {
        db.update(CAMPAIGN_POST).setNull(CAMPAIGN_POST.PUBLISH_REQUESTED_AT)
                .set(CAMPAIGN_POST.STATUS, PostStatus.SCHEDULED.dbValue()).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(CAMPAIGN_POST.ID.eq(postId)).and(CAMPAIGN_POST.CONTAINER_ID.isNull()).execute();
    }

    /**
     * About to ask the platform to publish: recorded first, so a retry asks the platform before anything. Looks
     * are counted afresh from the first request. Returns the time recorded.
     */
    OffsetDateTime publishRequested(long postId) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.STATUS, PostStatus.PUBLISHING.dbValue())
                .set(CAMPAIGN_POST.POLLS, when(CAMPAIGN_POST.PUBLISH_REQUESTED_AT.isNull(), 0).otherwise(CAMPAIGN_POST.POLLS))
                .set(CAMPAIGN_POST.PUBLISH_REQUESTED_AT, NOW)
                .setNull(CAMPAIGN_POST.STATUS_REASON).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(CAMPAIGN_POST.ID.eq(postId)).returning(CAMPAIGN_POST.PUBLISH_REQUESTED_AT)
                .fetchSingle(CAMPAIGN_POST.PUBLISH_REQUESTED_AT);
    }

    /** Whether the account has a post going out now or due before {@code until}. */
    boolean goingOut(long accountId, OffsetDateTime until) {
        return db.fetchExists(CAMPAIGN_POST, CAMPAIGN_POST.ACCOUNT_ID.eq(accountId).and(
                CAMPAIGN_POST.STATUS.in(PostStatus.PROCESSING.dbValue(), PostStatus.PUBLISHING.dbValue())
                        .or(CAMPAIGN_POST.STATUS.in(PostStatus.SCHEDULED.dbValue(), PostStatus.WAITING_QUOTA.dbValue())
                                .and(CAMPAIGN_POST.SCHEDULED_AT.le(until)))));
    }

    void published(long postId, @Nullable String mediaId, @Nullable String permalink, @Nullable String note) {
        db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.STATUS, PostStatus.PUBLISHED.dbValue())
                .set(CAMPAIGN_POST.PLATFORM_MEDIA_ID, mediaId).set(CAMPAIGN_POST.PERMALINK, permalink)
                .set(CAMPAIGN_POST.PUBLISHED_AT, NOW).set(CAMPAIGN_POST.STATUS_REASON, bounded(note))
                .set(CAMPAIGN_POST.UPDATED_AT, NOW).where(CAMPAIGN_POST.ID.eq(postId)).execute();
    }

    /** Whether the platform's post is recorded for a post other than this one. */
    boolean recordedForAnother(long postId, String platformMediaId) {
        return db.fetchExists(CAMPAIGN_POST, CAMPAIGN_POST.PLATFORM_MEDIA_ID.eq(platformMediaId)
                .and(CAMPAIGN_POST.ID.ne(postId)));
    }

    /** Pauses the account's posts that have not gone out yet (in any campaign); returns their ids. */
    List<Long> pauseAccount(long accountId, PostHolds.Hold hold, String reason) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.STATUS, PostStatus.PAUSED.dbValue())
                .set(CAMPAIGN_POST.HELD_FOR, hold.dbValue())
                .set(CAMPAIGN_POST.STATUS_REASON, bounded(reason)).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(CAMPAIGN_POST.ACCOUNT_ID.eq(accountId).and(CAMPAIGN_POST.STATUS.in(
                        PostStatus.SCHEDULED.dbValue(), PostStatus.WAITING_QUOTA.dbValue(),
                        PostStatus.PROCESSING.dbValue(), PostStatus.PUBLISHING.dbValue())))
                .returning(CAMPAIGN_POST.ID).fetch(CAMPAIGN_POST.ID);
    }

    /**
     * Puts paused posts back on their way (to publishing when it was requested, processing when they have a
     * container); returns them. A post paused after its publish was requested keeps that mark, so its next run
     * asks the platform first.
     */
    List<CampaignPost> unpause(Condition which) {
        return db.update(CAMPAIGN_POST)
                .set(CAMPAIGN_POST.STATUS, when(CAMPAIGN_POST.PUBLISH_REQUESTED_AT.isNotNull(),
                        PostStatus.PUBLISHING.dbValue()).when(CAMPAIGN_POST.CONTAINER_ID.isNotNull(),
                        PostStatus.PROCESSING.dbValue()).otherwise(PostStatus.SCHEDULED.dbValue()))
                .setNull(CAMPAIGN_POST.STATUS_REASON).setNull(CAMPAIGN_POST.HELD_FOR).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(which.and(CAMPAIGN_POST.STATUS.eq(PostStatus.PAUSED.dbValue())))
                .returning().fetch(PostRepository::post);
    }

    /** Fails become scheduled again, without their old container; returns them. */
    List<CampaignPost> retryFailed(long campaignId) {
        return retry(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId));
    }

    /** The post, if it failed, becomes scheduled again without its old container. */
    Optional<CampaignPost> retryFailed(long campaignId, long postId) {
        return retry(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId).and(CAMPAIGN_POST.ID.eq(postId))).stream().findFirst();
    }

    private List<CampaignPost> retry(Condition which) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.STATUS, PostStatus.SCHEDULED.dbValue())
                .setNull(CAMPAIGN_POST.STATUS_REASON).setNull(CAMPAIGN_POST.CONTAINER_ID)
                .setNull(CAMPAIGN_POST.CHILD_CONTAINER_IDS).setNull(CAMPAIGN_POST.CONTAINER_CREATED_AT)
                .setNull(CAMPAIGN_POST.PUBLISH_REQUESTED_AT).set(CAMPAIGN_POST.POLLS, 0)
                .set(CAMPAIGN_POST.SCHEDULED_AT, greatest(CAMPAIGN_POST.SCHEDULED_AT, NOW))
                .set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(which.and(CAMPAIGN_POST.STATUS.eq(PostStatus.FAILED.dbValue())))
                .returning().fetch(PostRepository::post);
    }

    /** Cancels what has not gone to the platform yet; returns how many. */
    int cancelRest(long campaignId, String reason) {
        return cancel(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId), reason);
    }

    /** Cancels the post if it has not gone to the platform yet; returns whether it did. */
    boolean cancel(long campaignId, long postId, String reason) {
        return cancel(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId).and(CAMPAIGN_POST.ID.eq(postId)), reason) == 1;
    }

    private int cancel(Condition which, String reason) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.STATUS, PostStatus.CANCELLED.dbValue())
                .set(CAMPAIGN_POST.STATUS_REASON, bounded(reason)).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(which.and(CAMPAIGN_POST.STATUS.in(Arrays.stream(PostStatus.values())
                        .filter(PostStatus::cancellable).map(PostStatus::dbValue).toList())))
                .execute();
    }

    /**
     * Moves the post, only while its publish has not begun: scheduled or waiting for quota, no container and no
     * publish request recorded (one statement, so a runner recording either first wins). The wait it had is over.
     */
    boolean moveIfNotBegun(long postId, OffsetDateTime at) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.SCHEDULED_AT, at).setNull(CAMPAIGN_POST.WAIT_REASON)
                .setNull(CAMPAIGN_POST.WAIT_UNTIL).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(CAMPAIGN_POST.ID.eq(postId).and(notBegun())).execute() == 1;
    }

    /** Changes caption and time under the same condition as {@link #moveIfNotBegun}. */
    boolean editIfNotBegun(long postId, String caption, OffsetDateTime at) {
        return db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.CAPTION, caption).set(CAMPAIGN_POST.SCHEDULED_AT, at)
                .setNull(CAMPAIGN_POST.WAIT_REASON).setNull(CAMPAIGN_POST.WAIT_UNTIL).set(CAMPAIGN_POST.UPDATED_AT, NOW)
                .where(CAMPAIGN_POST.ID.eq(postId).and(notBegun())).execute() == 1;
    }

    int lastNumber(long campaignId) {
        Integer last = db.select(org.jooq.impl.DSL.max(CAMPAIGN_POST.NUMBER)).from(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId)).fetchOne(0, Integer.class);
        return last == null ? 0 : last;
    }

    /** Whether any post of the campaign has begun its publish (or ended). */
    boolean anyBegun(long campaignId) {
        return db.fetchExists(CAMPAIGN_POST, CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId).and(notBegun().not()));
    }

    /**
     * The campaign's posts still to go out (scheduled, waiting for quota or held), by number: those after
     * {@code afterNumber}, at most {@code limit}.
     */
    List<CampaignPost> unfinishedOf(long campaignId, int afterNumber, int limit) {
        return db.selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId)
                        .and(CAMPAIGN_POST.NUMBER.gt(afterNumber))
                        .and(CAMPAIGN_POST.STATUS.in(PostStatus.SCHEDULED.dbValue(), PostStatus.WAITING_QUOTA.dbValue(),
                                PostStatus.PAUSED.dbValue())))
                .orderBy(CAMPAIGN_POST.NUMBER).limit(limit).fetch(PostRepository::post);
    }

    private static Condition notBegun() {
        return CAMPAIGN_POST.STATUS.in(PostStatus.SCHEDULED.dbValue(), PostStatus.WAITING_QUOTA.dbValue())
                .and(CAMPAIGN_POST.CONTAINER_ID.isNull()).and(CAMPAIGN_POST.PUBLISH_REQUESTED_AT.isNull());
    }

    /** These posts, whichever campaign they belong to. */
    List<CampaignPost> findAll(Collection<Long> postIds) {
        return postIds.isEmpty() ? List.of() : db.selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.ID.in(postIds))
                .fetch(PostRepository::post);
    }

    static CampaignPost post(Record r) {
        return new CampaignPost(r.get(CAMPAIGN_POST.ID), r.get(CAMPAIGN_POST.CAMPAIGN_ID), r.get(CAMPAIGN_POST.NUMBER),
                r.get(CAMPAIGN_POST.ACCOUNT_ID), Arrays.asList(r.get(CAMPAIGN_POST.MEDIA_IDS)),
                r.get(CAMPAIGN_POST.CAPTION), r.get(CAMPAIGN_POST.SCHEDULED_AT),
                PostStatus.fromDb(r.get(CAMPAIGN_POST.STATUS)), r.get(CAMPAIGN_POST.STATUS_REASON),
                r.get(CAMPAIGN_POST.CONTAINER_ID), r.get(CAMPAIGN_POST.PUBLISH_REQUESTED_AT),
                r.get(CAMPAIGN_POST.PLATFORM_MEDIA_ID), r.get(CAMPAIGN_POST.PERMALINK),
                r.get(CAMPAIGN_POST.PUBLISHED_AT), r.get(CAMPAIGN_POST.POLLS), r.get(CAMPAIGN_POST.UPDATED_AT),
                r.get(CAMPAIGN_POST.CHILD_CONTAINER_IDS) == null ? List.of()
                        : List.of(r.get(CAMPAIGN_POST.CHILD_CONTAINER_IDS)));
    }

    /** The reason cut to {@link #REASON_CHARS} characters (code points: a cut never splits one). */
    static @Nullable String bounded(@Nullable String reason) {
        if (reason == null || reason.codePointCount(0, reason.length()) <= REASON_CHARS) {
            return reason;
        }
        return reason.substring(0, reason.offsetByCodePoints(0, REASON_CHARS - 1)) + "…";
    }
}
