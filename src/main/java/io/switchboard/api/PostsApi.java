package io.switchboard.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.CampaignPosts;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.PostChanges;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Posts of every campaign; one post: read, retry when failed, cancel or move while it has not gone to the platform. */
@RestController
@RequestMapping(ApiKeyFilter.BASE + "/posts")
@Tag(name = "posts")
class PostsApi {
    private static final String LIST = "posts";
    private final CampaignPosts posts;
    private final Campaigns campaigns;
    private final PostChanges changes;
    private final Idempotency idempotency;

    PostsApi(CampaignPosts posts, Campaigns campaigns, PostChanges changes, Idempotency idempotency) {
        this.posts = posts;
        this.campaigns = campaigns;
        this.changes = changes;
        this.idempotency = idempotency;
    }

    /** @param at the new moment, an ISO-8601 instant such as {@code 2026-12-01T10:00:00Z} */
    record Move(@Nullable Instant at) {
    }

    @Operation(summary = "Posts of every campaign by scheduled time, optionally of one status or account, scheduled "
            + "from (inclusive) until (exclusive), ISO-8601 instants")
    @GetMapping
    Page<CampaignPost> list(@RequestParam(required = false) @Nullable PostStatus status,
                            @RequestParam(required = false) @Nullable Long account,
                            @RequestParam(required = false) @Nullable Instant from,
                            @RequestParam(required = false) @Nullable Instant until,
                            @RequestParam(required = false) @Nullable String cursor,
                            @RequestParam(defaultValue = "50") int limit) {
        int size = ReadApi.limit(limit);
        String position = Cursors.decode(LIST, cursor);
        Instant afterAt = null;
        long afterId = 0;
        if (position != null) {
            try {
                afterAt = Instant.parse(position.substring(0, position.indexOf('~')));
                afterId = Long.parseLong(position.substring(position.indexOf('~') + 1));
            } catch (RuntimeException e) {
                throw new ApiProblem(400, "cursor", "This cursor is not one this list handed out.");
            }
        }
        List<CampaignPost> page = campaigns.postsAcross(status, account, from, until, afterAt, afterId, size + 1);
        List<CampaignPost> shown = page.subList(0, Math.min(size, page.size()));
        return new Page<>(shown, page.size() > size ? Cursors.encode(LIST, shown.getLast().scheduledAt().toInstant()
                + "~" + shown.getLast().id()) : null);
    }

    @Operation(summary = "One post and how far it got")
    @GetMapping("/{id}")
    CampaignPost get(@PathVariable long id) {
        return find(id);
    }

    @Operation(summary = "Publish a failed post again, with a new container")
    @PostMapping("/{id}/retry")
    ResponseEntity<?> retry(@PathVariable long id,
                            @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        return idempotency.once(key, "POST /api/v1/posts/" + id + "/retry", () -> {
            posts.retry(find(id).campaignId(), id);
            return ResponseEntity.ok(find(id));
        });
    }

    @Operation(summary = "Cancel a post that has not gone to the platform yet")
    @PostMapping("/{id}/cancel")
    ResponseEntity<?> cancel(@PathVariable long id,
                             @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        return idempotency.once(key, "POST /api/v1/posts/" + id + "/cancel", () -> {
            posts.cancel(find(id).campaignId(), id, ApiCaller.current().actor());
            return ResponseEntity.ok(find(id));
        });
    }

    @Operation(summary = "Move a post that has not gone to the platform to another moment",
            description = "Checked like the calendar's drop: the campaign's daily window and maximum, the spacing with "
                    + "every other post of the account, the publishing quota, and whether its publish has begun. "
                    + "Refused with 422 and the reason in detail (field at).")
    @PostMapping("/{id}/move")
    ResponseEntity<?> move(@PathVariable long id, @RequestBody Move move,
                           @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        Instant at = move.at();
        if (at == null) {
            throw new ApiProblem(400, "at", "Give the new moment as at, an ISO-8601 instant such as 2026-12-01T10:00:00Z.");
        }
        return idempotency.once(key, "POST /api/v1/posts/" + id + "/move " + at, () -> {
            find(id);
            return ResponseEntity.ok(changes.move(id, at));
        });
    }

    private CampaignPost find(long id) {
        CampaignPost post = posts.find(List.of(id)).get(id);
        if (post == null) {
            throw ApiProblem.notFound("post", id);
        }
        return post;
    }
}
