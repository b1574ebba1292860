package io.switchboard.publishing;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import org.jooq.DSLContext;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static switchboard.jooq.Tables.REVIEW_LINK;

/**
 * Client review links: an operator shares a link that opens one campaign's posts as previews, without signing in,
 * until it expires or is revoked. The link carries 256 random bits; only their SHA-256 is stored, so the table alone
 * opens nothing. It shows nothing but that campaign's posts (no other campaign, no account tokens, no operator
 * names); each link is limited in uses a minute across all instances ({@link ReviewLinkLimits}); every opening and decision is recorded in the audit
 * trail as "client (review link N)" with the client's address.
 */
@Service
public class ReviewLinks {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DSLContext db;
    private final Approvals approvals;
    private final ApprovalSettings settings;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();
    private final ReviewLinkLimits limits;

    ReviewLinks(DSLContext db, Approvals approvals, ApprovalSettings settings, AuditTrail audit,
                ReviewLinkLimits limits) {
        this.db = db;
        this.limits = limits;
        this.approvals = approvals;
        this.settings = settings;
        this.audit = audit;
    }

    /** What a link opened: which link, which campaign. */
    public record Access(long linkId, long campaignId) {
        public String client() {
            return "client (review link " + linkId + ")";
        }
    }

    /** Why a link did not open. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Makes a link; returns its secret, to be shown once and shared. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public String create(long campaignId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String by = SecurityContextHolder.getContext().getAuthentication().getName();
        long id = db.insertInto(REVIEW_LINK).set(REVIEW_LINK.CAMPAIGN_ID, campaignId).set(REVIEW_LINK.TOKEN_HASH, hash(token))
                .set(REVIEW_LINK.CREATED_BY, by)
                .set(REVIEW_LINK.EXPIRES_AT, clock.instant().plus(settings.linkLifetime()).atOffset(ZoneOffset.UTC))
                .returning(REVIEW_LINK.ID).fetchSingle(REVIEW_LINK.ID);
        audit.record(AuditRecord.of("review_link.created", "review-link", id).change("campaign", null, campaignId)
                .change("expires_at", null, clock.instant().plus(settings.linkLifetime())));
        return token;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void revoke(long campaignId, long linkId) {
        int revoked = db.update(REVIEW_LINK).set(REVIEW_LINK.REVOKED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .where(REVIEW_LINK.ID.eq(linkId).and(REVIEW_LINK.CAMPAIGN_ID.eq(campaignId)).and(REVIEW_LINK.REVOKED_AT.isNull()))
                .execute();
        if (revoked == 1) {
            audit.record(AuditRecord.of("review_link.revoked", "review-link", linkId).change("campaign", null, campaignId));
        }
    }

    public List<ReviewLink> of(long campaignId) {
        return db.selectFrom(REVIEW_LINK).where(REVIEW_LINK.CAMPAIGN_ID.eq(campaignId)).orderBy(REVIEW_LINK.ID.desc())
                .limit(50).fetch(r -> new ReviewLink(r.getId(), r.getCampaignId(), r.getCreatedBy(), r.getCreatedAt(),
                        r.getExpiresAt(), r.getRevokedAt(), r.getUses()));
    }

    /** Opens the link for a client at {@code source}, counted and recorded; refused when it does not work. */
    @Transactional
    public Access open(String token, String source) {
        Access access = check(token);
        db.update(REVIEW_LINK).set(REVIEW_LINK.USES, REVIEW_LINK.USES.plus(1)).where(REVIEW_LINK.ID.eq(access.linkId())).execute();
        audit.record(access.client(), source, AuditRecord.of("review_link.opened", "review-link", access.linkId())
                .change("campaign", null, access.campaignId()));
        return access;
    }

    /** The client's decision through the link. */
    @Transactional
    public void decide(String token, String source, boolean approve, String comment) {
        Access access = check(token);
        approvals.decideAsClient(access.campaignId(), access.client(), source, approve, comment);
    }

    private Access check(String token) {
        if (token.length() > 100) {
            throw new Refused(404, "This review link does not exist.");
        }
        var link = db.selectFrom(REVIEW_LINK).where(REVIEW_LINK.TOKEN_HASH.eq(hash(token))).fetchOptional()
                .orElseThrow(() -> new Refused(404, "This review link does not exist."));
        if (link.getRevokedAt() != null) {
            throw new Refused(410, "This review link was withdrawn. Ask for a new one.");
        }
        if (!link.getExpiresAt().toInstant().isAfter(clock.instant())) {
            throw new Refused(410, "This review link has expired. Ask for a new one.");
        }
        if (!limits.take(link.getId())) {
            throw new Refused(429, "This review link was used too often just now: try again in a minute.");
        }
        return new Access(link.getId(), link.getCampaignId());
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
