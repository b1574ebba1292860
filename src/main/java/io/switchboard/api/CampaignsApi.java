package io.switchboard.api;

import io.switchboard.infrastructure.Digests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.publishing.Campaign;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.CampaignProblem;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.Plan;
import io.switchboard.publishing.PostCounts;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.Preview;
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
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Campaigns: preview a spec (the same problems the page shows), launch, pause, resume, cancel, read with counts. */
@RestController
@RequestMapping(ApiKeyFilter.BASE + "/campaigns")
@Tag(name = "campaigns")
class CampaignsApi {
    private static final int PREVIEW_POSTS = 50;
    private final Campaigns campaigns;
    private final Idempotency idempotency;
    private final JsonMapper json;

    CampaignsApi(Campaigns campaigns, Idempotency idempotency, JsonMapper json) {
        this.campaigns = campaigns;
        this.idempotency = idempotency;
        this.json = json;
    }

    /**
     * @param posts the first posts as they would go out (at most 50; {@code postCount} says how many in all)
     */
    record PreviewAnswer(boolean launchable, int postCount, List<Plan.Problem> problems, List<Plan.Post> posts,
                         Map<Long, Preview.TargetView> accounts) {
    }

    /** A campaign with how many of its posts are in each status. */
    record CampaignView(Campaign campaign, Map<PostStatus, Integer> counts, int total, int percentFinished) {
        static CampaignView of(Campaign campaign, PostCounts counts) {
            return new CampaignView(campaign, counts.byStatus(), counts.total(), counts.percent());
        }
    }

    @Operation(summary = "Plan a campaign without storing or sending anything: its posts and every problem found")
    @PostMapping("/preview")
    PreviewAnswer preview(@RequestBody CampaignSpec spec) {
        Preview preview = campaigns.preview(spec, PREVIEW_POSTS);
        return new PreviewAnswer(preview.launchable(), preview.postCount(), preview.problems(), preview.first(),
                preview.accounts());
    }

    @Operation(summary = "Launch a campaign: 201 with it, or 422 with every problem that blocks it",
            description = "Send an Idempotency-Key: a replay returns the first answer and never a second campaign.")
    @PostMapping
    ResponseEntity<?> launch(@RequestBody CampaignSpec spec,
                             @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        return idempotency.once(key, "POST /api/v1/campaigns " + Digests.sha256Hex(json.writeValueAsString(spec)), () -> {
            long id;
            try {
                // planned once, streaming, and refused with every blocker it found
                id = campaigns.launch(spec, ApiCaller.current().actor());
            } catch (CampaignProblem refused) {
                if (refused.blockers().isEmpty()) {
                    throw refused;
                }
                throw new BlockedLaunch(refused.blockers().stream().map(m -> Map.of("message", m)).toList());
            }
            return ResponseEntity.created(URI.create(ApiKeyFilter.BASE + "/campaigns/" + id)).body(view(id));
        });
    }

    @Operation(summary = "Campaigns, newest first")
    @GetMapping
    Page<CampaignView> list(@RequestParam(required = false) @Nullable String cursor,
                            @RequestParam(defaultValue = "50") int limit) {
        int size = ReadApi.limit(limit);
        List<Campaign> page = campaigns.list(Cursors.decodeLong("campaigns", cursor), size + 1);
        List<Campaign> shown = page.subList(0, Math.min(size, page.size()));
        Map<Long, PostCounts> counts = campaigns.counts(shown.stream().map(Campaign::id).toList());
        return new Page<>(shown.stream().map(c -> CampaignView.of(c, counts.getOrDefault(c.id(), new PostCounts(Map.of()))))
                .toList(), page.size() > size ? Cursors.encode("campaigns", shown.getLast().id()) : null);
    }

    @Operation(summary = "One campaign with its post counts")
    @GetMapping("/{id}")
    CampaignView get(@PathVariable long id) {
        return view(id);
    }

    @Operation(summary = "Pause: no post starts until resumed; posts already with the platform finish")
    @PostMapping("/{id}/pause")
    ResponseEntity<?> pause(@PathVariable long id,
                            @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        return command(id, "pause", key, () -> campaigns.pause(id));
    }

    @Operation(summary = "Resume a paused campaign")
    @PostMapping("/{id}/resume")
    ResponseEntity<?> resume(@PathVariable long id,
                             @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        return command(id, "resume", key, () -> campaigns.resume(id));
    }

    @Operation(summary = "Cancel every post that has not gone to the platform yet")
    @PostMapping("/{id}/cancel")
    ResponseEntity<?> cancel(@PathVariable long id,
                             @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        return command(id, "cancel", key, () -> campaigns.cancelRest(id, ApiCaller.current().actor()));
    }

    @Operation(summary = "The campaign's posts by number, optionally of one status or account")
    @GetMapping("/{id}/posts")
    Page<CampaignPost> posts(@PathVariable long id, @RequestParam(required = false) @Nullable PostStatus status,
                             @RequestParam(required = false) @Nullable Long account,
                             @RequestParam(required = false) @Nullable String cursor,
                             @RequestParam(defaultValue = "50") int limit) {
        view(id);
        int size = ReadApi.limit(limit);
        Long after = Cursors.decodeLong("posts:" + id, cursor);
        List<CampaignPost> page = campaigns.posts(id, status, account, after == null ? 0 : after.intValue(), size + 1);
        List<CampaignPost> shown = page.subList(0, Math.min(size, page.size()));
        return new Page<>(shown, page.size() > size ? Cursors.encode("posts:" + id, shown.getLast().number()) : null);
    }

    private ResponseEntity<?> command(long id, String verb, @Nullable String key, Runnable command) {
        return idempotency.once(key, "POST /api/v1/campaigns/" + id + "/" + verb, () -> {
            view(id);
            command.run();
            return ResponseEntity.ok(view(id));
        });
    }

    private CampaignView view(long id) {
        Campaign campaign = campaigns.find(id).orElseThrow(() -> ApiProblem.notFound("campaign", id));
        return CampaignView.of(campaign, campaigns.counts(id));
    }

    /** Launch refused: every blocking problem of the plan, as the preview names them. */
    static final class BlockedLaunch extends ApiProblem {
        private final List<Map<String, String>> errors;

        BlockedLaunch(List<Map<String, String>> errors) {
            super(422, "", "The campaign cannot launch: " + errors.getFirst().get("message")
                    + " Preview it to see every problem.");
            this.errors = errors;
        }

        @Override
        List<Map<String, String>> errors() {
            return errors;
        }
    }

}
