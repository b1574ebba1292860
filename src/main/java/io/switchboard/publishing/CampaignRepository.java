package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.CampaignRecord;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static switchboard.jooq.Tables.CAMPAIGN;
import static switchboard.jooq.Tables.CAMPAIGN_POST;

/** Launched campaigns and their state. */
@Repository
class CampaignRepository {
    private final DSLContext db;
    private final JsonMapper json;

    CampaignRepository(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    long insert(CampaignSpec spec, String createdBy, OffsetDateTime firstAt, OffsetDateTime lastAt,
                boolean approvalRequired) {
        return db.insertInto(CAMPAIGN)
                .set(CAMPAIGN.NAME, spec.name())
                .set(CAMPAIGN.STATUS, (approvalRequired ? CampaignStatus.IN_REVIEW : CampaignStatus.RUNNING).dbValue())
                .set(CAMPAIGN.APPROVAL_REQUIRED, approvalRequired)
                .set(CAMPAIGN.SPEC, JSONB.valueOf(json.writeValueAsString(spec)))
                .set(CAMPAIGN.POST_TYPE, spec.options().type().name())
                .set(CAMPAIGN.CREATED_BY, createdBy)
                .set(CAMPAIGN.FIRST_AT, firstAt)
                .set(CAMPAIGN.LAST_AT, lastAt)
                .returning(CAMPAIGN.ID).fetchSingle(CAMPAIGN.ID);
    }

    /** The times of the campaign's first and last post, once they are known. */
    void span(long id, OffsetDateTime firstAt, OffsetDateTime lastAt) {
        db.update(CAMPAIGN).set(CAMPAIGN.FIRST_AT, firstAt).set(CAMPAIGN.LAST_AT, lastAt).where(CAMPAIGN.ID.eq(id))
                .execute();
    }

    /** The campaign, its row locked until the transaction ends. */
    Optional<Campaign> lock(long id) {
        return db.selectFrom(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).forUpdate().fetchOptional(this::campaign);
    }

    /** An edited campaign: its new spec and span, in review again (no decision stands for what changed). */
    void replace(long id, CampaignSpec spec, OffsetDateTime firstAt, OffsetDateTime lastAt) {
        db.update(CAMPAIGN)
                .set(CAMPAIGN.NAME, spec.name())
                .set(CAMPAIGN.STATUS, CampaignStatus.IN_REVIEW.dbValue())
                .set(CAMPAIGN.SPEC, JSONB.valueOf(json.writeValueAsString(spec)))
                .set(CAMPAIGN.POST_TYPE, spec.options().type().name())
                .set(CAMPAIGN.FIRST_AT, firstAt)
                .set(CAMPAIGN.LAST_AT, lastAt)
                .setNull(CAMPAIGN.DECIDED_BY)
                .setNull(CAMPAIGN.DECIDED_AT)
                .where(CAMPAIGN.ID.eq(id)).execute();
    }

    Optional<Campaign> find(long id) {
        return db.selectFrom(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).fetchOptional(this::campaign);
    }

    Optional<String> name(long id) {
        return db.select(CAMPAIGN.NAME).from(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).fetchOptional(CAMPAIGN.NAME);
    }

    /** Newest first, those with an id below {@code before}. */
    List<Campaign> page(@Nullable Long before, int limit) {
        return db.selectFrom(CAMPAIGN).where(before == null ? noCondition() : CAMPAIGN.ID.lt(before))
                .orderBy(CAMPAIGN.ID.desc()).limit(limit).fetch(this::campaign);
    }

    List<Campaigns.Choice> choices(int limit) {
        return db.select(CAMPAIGN.ID, CAMPAIGN.NAME).from(CAMPAIGN).orderBy(CAMPAIGN.ID.desc()).limit(limit)
                .fetch(r -> new Campaigns.Choice(r.value1(), r.value2()));
    }

    private Campaign campaign(CampaignRecord r) {
        return new Campaign(r.getId(), r.getName(), CampaignStatus.fromDb(r.getStatus()), PostType.valueOf(r.getPostType()),
                json.readValue(r.getSpec().data(), CampaignSpec.class), r.getCreatedBy(), r.getCreatedAt(),
                r.getFirstAt(), r.getLastAt(), r.getPausedAt(), r.getFinishedAt(), r.getApprovalRequired());
    }

    /** Running campaigns none of whose posts is still to go out or held. */
    List<Long> runningWithEveryPostFinished() {
        return db.select(CAMPAIGN.ID).from(CAMPAIGN)
                .where(CAMPAIGN.STATUS.eq(CampaignStatus.RUNNING.dbValue()))
                .and(notExists(selectOne().from(CAMPAIGN_POST).where(CAMPAIGN_POST.CAMPAIGN_ID.eq(CAMPAIGN.ID))
                        .and(CAMPAIGN_POST.STATUS.notIn(PostStatus.PUBLISHED.dbValue(), PostStatus.FAILED.dbValue(),
                                PostStatus.CANCELLED.dbValue()))))
                .fetch(CAMPAIGN.ID);
    }

    /** Records a review's decision: the campaign moves from {@code from} to {@code to} only if it still is in {@code from}. */
    boolean decide(long id, CampaignStatus from, CampaignStatus to, String by) {
        return db.update(CAMPAIGN).set(CAMPAIGN.STATUS, to.dbValue()).set(CAMPAIGN.DECIDED_BY, by)
                .set(CAMPAIGN.DECIDED_AT, currentOffsetDateTime())
                .where(CAMPAIGN.ID.eq(id).and(CAMPAIGN.STATUS.eq(from.dbValue()))).execute() == 1;
    }

    /** Moves the campaign from one of {@code from} to {@code to}; returns whether it was in one of them. */
    boolean transition(long id, List<CampaignStatus> from, CampaignStatus to) {
        return db.update(CAMPAIGN)
                .set(CAMPAIGN.STATUS, to.dbValue())
                .set(CAMPAIGN.PAUSED_AT, to == CampaignStatus.PAUSED ? currentOffsetDateTime() : null)
                .set(CAMPAIGN.FINISHED_AT, to == CampaignStatus.FINISHED || to == CampaignStatus.CANCELLED
                        ? currentOffsetDateTime() : null)
                .where(CAMPAIGN.ID.eq(id).and(CAMPAIGN.STATUS.in(from.stream().map(CampaignStatus::dbValue).toList())))
                .execute() == 1;
    }
}
