package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static switchboard.jooq.Tables.CAMPAIGN_DRAFT;
import static switchboard.jooq.Tables.CAMPAIGN_DRAFT_POST;
import static switchboard.jooq.Tables.CAMPAIGN_DRAFT_PROBLEM;

/** Planned campaigns kept between the preview's pages and the launch (see V169). */
@Repository
class CampaignDrafts {
    private static final int PROBLEM_CHUNK = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DSLContext db;

    CampaignDrafts(DSLContext db) {
        this.db = db;
    }

    /**
     * A kept plan.
     *
     * @param specHash digest of the campaign as submitted (with the accounts' default locations fixed in it)
     * @param basis    digest of what the plan read from the database
     */
    record Draft(UUID id, String createdBy, Instant createdAt, String specHash, String basis, @Nullable Long replacing,
                 int posts, int errors, int warnings, @Nullable Instant firstAt, @Nullable Instant lastAt,
                 Summary summary) {
    }

    /** What the preview shows above the posts, counted when the plan was made. */
    record Summary(List<Plan.Kind> kinds, int kindCount, List<PlanDay> days) {
    }

    void insert(Draft draft) {
        db.insertInto(CAMPAIGN_DRAFT).set(CAMPAIGN_DRAFT.ID, draft.id()).set(CAMPAIGN_DRAFT.CREATED_BY, draft.createdBy())
                .set(CAMPAIGN_DRAFT.CREATED_AT, draft.createdAt().atOffset(ZoneOffset.UTC))
                .set(CAMPAIGN_DRAFT.SPEC_HASH, draft.specHash()).set(CAMPAIGN_DRAFT.BASIS, draft.basis())
                .set(CAMPAIGN_DRAFT.REPLACING, draft.replacing()).set(CAMPAIGN_DRAFT.POSTS, draft.posts())
                .set(CAMPAIGN_DRAFT.ERRORS, draft.errors()).set(CAMPAIGN_DRAFT.WARNINGS, draft.warnings())
                .set(CAMPAIGN_DRAFT.FIRST_AT, utc(draft.firstAt())).set(CAMPAIGN_DRAFT.LAST_AT, utc(draft.lastAt()))
                .set(CAMPAIGN_DRAFT.SUMMARY, JSONB.valueOf(JSON.writeValueAsString(draft.summary())))
                .execute();
    }

    /** Stores what was counted while the draft's posts were written: their number, times, problems and summary. */
    void complete(Draft draft) {
        db.update(CAMPAIGN_DRAFT).set(CAMPAIGN_DRAFT.POSTS, draft.posts())
                .set(CAMPAIGN_DRAFT.ERRORS, draft.errors()).set(CAMPAIGN_DRAFT.WARNINGS, draft.warnings())
                .set(CAMPAIGN_DRAFT.FIRST_AT, utc(draft.firstAt())).set(CAMPAIGN_DRAFT.LAST_AT, utc(draft.lastAt()))
                .set(CAMPAIGN_DRAFT.SUMMARY, JSONB.valueOf(JSON.writeValueAsString(draft.summary())))
                .where(CAMPAIGN_DRAFT.ID.eq(draft.id())).execute();
    }

    /**
     * Writes the posts that {@code planning} hands to its sink with COPY as they come, in the caller's transaction: no
     * list of them is kept. {@code planning} runs while the COPY is open, so it must not use the database.
     */
    void insertPosts(UUID draftId, Consumer<Consumer<Plan.Post>> planning) {
        PlannedPostsCopy.copy(db, "COPY campaign_draft_post (draft_id, number, account_id, media_ids, caption, at, "
                + "waits_for) FROM STDIN", planning, (text, post) -> text.append(draftId).append('\t')
                .append(post.number()).append('\t').append(post.accountId()).append('\t')
                .append(PlannedPostsCopy.mediaIds(post)).append('\t').append(PlannedPostsCopy.text(post.caption()))
                .append('\t').append(post.at()).append('\t')
                .append(post.waitsFor() == null ? "\\N" : PlannedPostsCopy.text(post.waitsFor())));
    }

    void insertProblems(UUID draftId, List<Plan.Problem> problems) {
        for (int from = 0; from < problems.size(); from += PROBLEM_CHUNK) {
            var insert = db.insertInto(CAMPAIGN_DRAFT_PROBLEM, CAMPAIGN_DRAFT_PROBLEM.DRAFT_ID, CAMPAIGN_DRAFT_PROBLEM.SEQ,
                    CAMPAIGN_DRAFT_PROBLEM.SEVERITY, CAMPAIGN_DRAFT_PROBLEM.MESSAGE, CAMPAIGN_DRAFT_PROBLEM.ACCOUNT_IDS,
                    CAMPAIGN_DRAFT_PROBLEM.POST_NUMBER, CAMPAIGN_DRAFT_PROBLEM.LABEL);
            for (int i = from; i < Math.min(problems.size(), from + PROBLEM_CHUNK); i++) {
                Plan.Problem p = problems.get(i);
                insert = insert.values(draftId, i, p.severity().name(), p.message(),
                        p.accountIds().stream().sorted().toArray(Long[]::new), p.postNumber(), p.label());
            }
            insert.execute();
        }
    }

    Optional<Draft> find(UUID id) {
        return db.selectFrom(CAMPAIGN_DRAFT).where(CAMPAIGN_DRAFT.ID.eq(id)).fetchOptional(CampaignDrafts::draft);
    }

    /** The operator's newest draft of this form (by its {@link Draft#specHash}), if any. */
    Optional<Draft> newest(String createdBy, String specHash) {
        return db.selectFrom(CAMPAIGN_DRAFT).where(CAMPAIGN_DRAFT.CREATED_BY.eq(createdBy))
                .and(CAMPAIGN_DRAFT.SPEC_HASH.eq(specHash)).orderBy(CAMPAIGN_DRAFT.CREATED_AT.desc()).limit(1)
                .fetchOptional(CampaignDrafts::draft);
    }

    /** The draft, locked until the caller's transaction ends (one launch of it at a time). */
    Optional<Draft> lock(UUID id) {
        return db.selectFrom(CAMPAIGN_DRAFT).where(CAMPAIGN_DRAFT.ID.eq(id)).forUpdate()
                .fetchOptional(CampaignDrafts::draft);
    }

    /** The draft's posts numbered {@code from + 1} to {@code from + limit} (by the primary key). */
    List<Plan.Post> posts(UUID draftId, int from, int limit) {
        return db.selectFrom(CAMPAIGN_DRAFT_POST).where(CAMPAIGN_DRAFT_POST.DRAFT_ID.eq(draftId)
                        .and(CAMPAIGN_DRAFT_POST.NUMBER.between(from + 1, from + limit)))
                .orderBy(CAMPAIGN_DRAFT_POST.NUMBER)
                .fetch(r -> new Plan.Post(r.getNumber(), r.getAccountId(), List.of(r.getMediaIds()), r.getCaption(),
                        r.getAt().toInstant(), r.getWaitsFor()));
    }

    /** The problems of posts numbered within [first, last] and of these accounts, in the order found. */
    List<Plan.Problem> problemsOf(UUID draftId, int first, int last, Collection<Long> accountIds) {
        return db.selectFrom(CAMPAIGN_DRAFT_PROBLEM).where(CAMPAIGN_DRAFT_PROBLEM.DRAFT_ID.eq(draftId))
                .and(CAMPAIGN_DRAFT_PROBLEM.POST_NUMBER.between(first, last).or(CAMPAIGN_DRAFT_PROBLEM.POST_NUMBER.isNull()
                        .and(org.jooq.impl.DSL.condition("{0} && {1}", CAMPAIGN_DRAFT_PROBLEM.ACCOUNT_IDS,
                                org.jooq.impl.DSL.val(accountIds.toArray(Long[]::new))))))
                .orderBy(CAMPAIGN_DRAFT_PROBLEM.SEQ)
                .fetch(r -> new Plan.Problem(Plan.Severity.valueOf(r.getSeverity()), r.getMessage(),
                        Set.of(r.getAccountIds()), r.getPostNumber(), r.getLabel()));
    }

    /** Stores the draft's posts as the campaign's (scheduled), in one statement; how many. */
    int launchInto(long campaignId, UUID draftId) {
        return db.execute("INSERT INTO campaign_post (campaign_id, number, account_id, media_ids, caption, scheduled_at, "
                + "status, wait_reason, wait_until) SELECT ?, number, account_id, media_ids, caption, at, ?, waits_for, "
                + "CASE WHEN waits_for IS NULL THEN NULL ELSE at END FROM campaign_draft_post WHERE draft_id = ? "
                + "ORDER BY number", campaignId, PostStatus.SCHEDULED.dbValue(), draftId);
    }

    /** The media the draft's posts use, each once. */
    List<Long> mediaOf(UUID draftId) {
        return db.fetch("SELECT DISTINCT unnest(media_ids) AS id FROM campaign_draft_post WHERE draft_id = ?", draftId)
                .getValues("id", Long.class);
    }

    void delete(UUID id) {
        db.deleteFrom(CAMPAIGN_DRAFT).where(CAMPAIGN_DRAFT.ID.eq(id)).execute();
    }

    /** Deletes the operator's drafts but the newest {@code keep}; how many. */
    int trim(String createdBy, int keep) {
        return db.deleteFrom(CAMPAIGN_DRAFT).where(CAMPAIGN_DRAFT.CREATED_BY.eq(createdBy))
                .and(CAMPAIGN_DRAFT.ID.notIn(db.select(CAMPAIGN_DRAFT.ID).from(CAMPAIGN_DRAFT)
                        .where(CAMPAIGN_DRAFT.CREATED_BY.eq(createdBy))
                        .orderBy(CAMPAIGN_DRAFT.CREATED_AT.desc()).limit(keep)))
                .execute();
    }

    /** Deletes the drafts made before {@code before}; how many. */
    int deleteOlderThan(Instant before) {
        return db.deleteFrom(CAMPAIGN_DRAFT).where(CAMPAIGN_DRAFT.CREATED_AT.lt(before.atOffset(ZoneOffset.UTC))).execute();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Draft draft(Record record) {
        var r = record.into(CAMPAIGN_DRAFT);
        return new Draft(r.getId(), r.getCreatedBy(), r.getCreatedAt().toInstant(), r.getSpecHash(), r.getBasis(),
                r.getReplacing(), r.getPosts(), r.getErrors(), r.getWarnings(),
                r.getFirstAt() == null ? null : r.getFirstAt().toInstant(),
                r.getLastAt() == null ? null : r.getLastAt().toInstant(),
                JSON.readValue(r.getSummary().data(), Summary.class));
    }
}
