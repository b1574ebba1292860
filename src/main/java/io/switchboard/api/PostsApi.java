package io.switchboard.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.CampaignPosts;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** One post: read, retry when failed, cancel while it has not gone to the platform. */
@RestController
@RequestMapping(ApiKeyFilter.BASE + "/posts")
@Tag(name = "posts")
class PostsApi {
    private final CampaignPosts posts;
    private final Idempotency idempotency;

    PostsApi(CampaignPosts posts, Idempotency idempotency) {
        this.posts = posts;
        this.idempotency = idempotency;
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

    private CampaignPost find(long id) {
        CampaignPost post = posts.find(List.of(id)).get(id);
        if (post == null) {
            throw ApiProblem.notFound("post", id);
        }
        return post;
    }
}
