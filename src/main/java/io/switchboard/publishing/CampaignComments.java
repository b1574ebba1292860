package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.util.List;

import static switchboard.jooq.Tables.CAMPAIGN_COMMENT;

/** The comments on campaigns and their posts, oldest first. */
@Repository
class CampaignComments {
    private final DSLContext db;

    CampaignComments(DSLContext db) {
        this.db = db;
    }

    void add(long campaignId, @Nullable Long postId, String author, @Nullable String decision, String body) {
        db.insertInto(CAMPAIGN_COMMENT).set(CAMPAIGN_COMMENT.CAMPAIGN_ID, campaignId)
                .set(CAMPAIGN_COMMENT.POST_ID, postId).set(CAMPAIGN_COMMENT.AUTHOR, author)
                .set(CAMPAIGN_COMMENT.DECISION, decision).set(CAMPAIGN_COMMENT.BODY, body).execute();
    }

    /** The comments on the campaign's posts become comments on the campaign (its posts are about to be replaced). */
    void detachFromPosts(long campaignId) {
        db.update(CAMPAIGN_COMMENT).setNull(CAMPAIGN_COMMENT.POST_ID)
                .where(CAMPAIGN_COMMENT.CAMPAIGN_ID.eq(campaignId).and(CAMPAIGN_COMMENT.POST_ID.isNotNull())).execute();
    }

    List<CampaignComment> of(long campaignId) {
        return where(CAMPAIGN_COMMENT.CAMPAIGN_ID.eq(campaignId));
    }

    List<CampaignComment> onPost(long campaignId, long postId) {
        return where(CAMPAIGN_COMMENT.CAMPAIGN_ID.eq(campaignId).and(CAMPAIGN_COMMENT.POST_ID.eq(postId)));
    }

    private List<CampaignComment> where(org.jooq.Condition condition) {
        return db.selectFrom(CAMPAIGN_COMMENT).where(condition).orderBy(CAMPAIGN_COMMENT.ID).limit(500)
                .fetch(r -> new CampaignComment(r.getId(), r.getCampaignId(), r.getPostId(), r.getAuthor(),
                        r.getDecision(), r.getBody(), r.getAt()));
    }
}
