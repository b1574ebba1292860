package io.switchboard.api;

import io.switchboard.identity.ApiScope;
import io.switchboard.audit.AuditFilter;
import io.switchboard.audit.AuditTrail;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.SharedApp;
import org.junit.jupiter.api.Test;
import testsupport.Clips;
import testsupport.SignedIn;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/** The public API as a team's pipeline uses it: real HTTP, JSON, API keys, against the sandbox platform. */
class ApiFlowTest {
    private static final Path DIR = Path.of("target", "api-media");

    @Test
    void a_pipeline_uploads_previews_a_problem_fixes_it_launches_once_and_sees_its_posts_published() throws IOException {
        AppInstance app = SharedApp.get();
        ApiClient api = ApiClient.withNewKey(app, ApiScope.PUBLISH, 1000);
        long account = connected(app, 1, "apiflow").getFirst().id();
        Files.createDirectories(DIR);
        Path picture = Clips.image(DIR, "api-" + UUID.randomUUID() + ".jpg",
                900 + ThreadLocalRandom.current().nextInt(500), 1080);

        HttpResponse<String> uploaded = api.upload(picture, Map.of("Idempotency-Key", "upload-" + picture.getFileName()));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        long media = ApiClient.json(uploaded).get("id").asLong();
        assertThat(uploaded.headers().firstValue("Location")).hasValue("/api/v1/media/" + media);
        eventually(Duration.ofSeconds(90), () -> assertThat(ApiClient.json(api.get("/media/" + media))
                .get("item").get("status").asString()).isEqualTo("READY"));

        String name = "api-flow-" + UUID.randomUUID();
        HttpResponse<String> wrong = api.post("/campaigns/preview", spec(name, account, media, "REELS"));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(200);
        assertThat(ApiClient.json(wrong).get("launchable").asBoolean()).isFalse();
        assertThat(ApiClient.json(wrong).get("problems").get(0).get("severity").asString()).isEqualTo("ERROR");
        HttpResponse<String> refused = api.post("/campaigns", spec(name, account, media, "REELS"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiClient.json(refused).get("errors").get(0).get("message").asString())
                .isEqualTo(ApiClient.json(wrong).get("problems").get(0).get("message").asString());

        String fixed = spec(name, account, media, "IMAGE");
        assertThat(ApiClient.json(api.post("/campaigns/preview", fixed)).get("launchable").asBoolean()).isTrue();
        var once = Map.of("Idempotency-Key", "launch-" + name);
        HttpResponse<String> launched = api.post("/campaigns", fixed, once);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
        long campaign = ApiClient.json(launched).get("campaign").get("id").asLong();
        HttpResponse<String> replayed = api.post("/campaigns", fixed, once);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(ApiClient.json(replayed).get("campaign").get("id").asLong()).isEqualTo(campaign);
        assertThat(api.post("/campaigns", spec(name + "-other", account, media, "IMAGE"), once).statusCode())
                .as("the same key for another request").isEqualTo(422);

        eventually(Duration.ofSeconds(120), () -> {
            JsonNode posts = ApiClient.json(api.get("/campaigns/" + campaign + "/posts"));
            assertThat(posts.get("items")).hasSize(1);
            assertThat(posts.get("items").get(0).get("status").asString()).isEqualTo("PUBLISHED");
        });
        JsonNode view = ApiClient.json(api.get("/campaigns/" + campaign));
        assertThat(view.get("counts").get("PUBLISHED").asInt()).isEqualTo(1);
        assertThat(ApiClient.json(api.get("/campaigns")).get("items").findValuesAsString("name")).contains(name);

        assertThat(app.bean(AuditTrail.class).page(AuditFilter.none(), null, 200)).anySatisfy(e -> {
            assertThat(e.actor()).startsWith("api:test-");
            assertThat(e.action()).isEqualTo("api.call");
            assertThat(e.detail()).startsWith("POST /api/v1/campaigns ");
        });
    }

    @Test
    void a_post_is_moved_like_a_calendar_drop_and_a_refused_move_says_why() {
        AppInstance app = SharedApp.get();
        ApiClient api = ApiClient.withNewKey(app, ApiScope.PUBLISH, 1000);
        long account = connected(app, 1, "apimove").getFirst().id();
        java.util.List<Long> media;
        SignedIn.as("api-test", "OPERATOR");
        try {
            media = new PublishingFixture(app).images(2);
        } finally {
            SignedIn.out();
        }
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2);
        String spec = spec("api-move-" + UUID.randomUUID(), account, media.getFirst(), "IMAGE")
                .replace("\"mediaIds\":[" + media.getFirst() + "]", "\"mediaIds\":[" + media.get(0) + "," + media.get(1) + "]")
                .replace(
                "\"startAt\":null,\"minSpacing\":\"PT0S\",\"windowStart\":null,\"windowEnd\":null",
                "\"startAt\":\"" + day + "T10:00:00Z\",\"minSpacing\":\"PT2H\",\"windowStart\":\"09:00\","
                        + "\"windowEnd\":\"18:00\"");
        HttpResponse<String> launched = api.post("/campaigns", spec);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
        long campaign = ApiClient.json(launched).get("campaign").get("id").asLong();
        JsonNode post = ApiClient.json(api.get("/campaigns/" + campaign + "/posts")).get("items").get(0);
        long id = post.get("id").asLong();

        HttpResponse<String> outside = api.post("/posts/" + id + "/move", "{\"at\":\"" + day + "T20:00:00Z\"}");
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(422);
        assertThat(outside.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiClient.json(outside).get("field").asString()).isEqualTo("at");
        assertThat(ApiClient.json(outside).get("detail").asString()).startsWith("Not at").contains("window");
        assertThat(ApiClient.json(api.get("/posts/" + id)).get("scheduledAt").asString())
                .as("a refused move changes nothing").isEqualTo(post.get("scheduledAt").asString());

        HttpResponse<String> missing = api.post("/posts/" + id + "/move", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(missing).get("field").asString()).isEqualTo("at");

        String later = day.plusDays(1) + "T11:30:00Z";
        HttpResponse<String> moved = api.post("/posts/" + id + "/move", "{\"at\":\"" + later + "\"}",
                Map.of("Idempotency-Key", "move-" + id));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(java.time.Instant.parse(ApiClient.json(api.get("/posts/" + id)).get("scheduledAt").asString()))
                .isEqualTo(java.time.Instant.parse(later));
        assertThat(api.post("/posts/987654321/move", "{\"at\":\"" + later + "\"}").statusCode()).isEqualTo(404);

        JsonNode first = ApiClient.json(api.get("/posts?account=" + account + "&limit=1"));
        assertThat(first.get("items")).hasSize(1);
        JsonNode second = ApiClient.json(api.get("/posts?account=" + account + "&limit=1&cursor="
                + first.get("nextCursor").asString()));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(second.get("items").get(0).get("id").asLong()).as("by time: the moved post is last").isEqualTo(id);
        assertThat(first.get("items").get(0).get("id").asLong()).isNotEqualTo(id);
        JsonNode fromNextDay = ApiClient.json(api.get("/posts?account=" + account + "&from=" + day.plusDays(1)
                + "T00:00:00Z")).get("items");
        assertThat(fromNextDay).hasSize(1);
        assertThat(fromNextDay.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(ApiClient.json(api.get("/posts?account=" + account + "&status=PUBLISHED")).get("items")).isEmpty();
        assertThat(api.get("/posts?from=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void an_admin_key_creates_connected_sandbox_accounts_and_no_other_key_may() {
        AppInstance app = SharedApp.get();
        ApiClient admin = ApiClient.withNewKey(app, ApiScope.ADMIN, 1000);
        String body = "{\"platform\":\"instagram\",\"count\":2,\"prefix\":\"apisbx\",\"tags\":\"api-sandbox\"}";
        HttpResponse<String> created = admin.post("/accounts/sandbox", body, Map.of("Idempotency-Key", "sbx-" + UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode items = ApiClient.json(created).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.findValuesAsString("status")).containsOnly("ACTIVE");
        assertThat(ApiClient.json(admin.get("/accounts?tag=api-sandbox")).get("items")).hasSizeGreaterThanOrEqualTo(2);

        HttpResponse<String> wrong = admin.post("/accounts/sandbox", "{\"platform\":\"instagram\",\"count\":0,\"prefix\":\"Not Valid\"}");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(422);
        assertThat(ApiClient.json(wrong).get("errors").findValuesAsString("field")).contains("count", "prefix");

        HttpResponse<String> publishKey = ApiClient.withNewKey(app, ApiScope.PUBLISH, 1000).post("/accounts/sandbox", body);
        assertThat(publishKey.statusCode()).isEqualTo(403);
    }

    @Test
    void a_read_key_reads_but_every_change_is_refused_with_a_problem() {
        ApiClient read = ApiClient.withNewKey(SharedApp.get(), ApiScope.READ, 1000);
        assertThat(read.get("/campaigns").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = read.post("/campaigns/1/pause", "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiClient.json(refused).get("detail").asString()).contains("read scope", "needs read and publish");
        assertThat(new ApiClient(read.base(), "sb_" + "0".repeat(64)).get("/campaigns").statusCode()).isEqualTo(401);
        assertThat(new ApiClient(read.base(), "").get("/campaigns").statusCode()).isEqualTo(401);
    }

    @Test
    void a_key_over_its_limit_is_answered_429_with_when_to_try_again() {
        ApiClient limited = ApiClient.withNewKey(SharedApp.get(), ApiScope.READ, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limited.get("/tasks?limit=1").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> over = limited.get("/tasks?limit=1");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(ApiClient.json(over).get("detail").asString()).contains("3 calls a minute");
    }

    @Test
    void bad_input_is_answered_with_a_problem_naming_the_field() {
        ApiClient api = ApiClient.withNewKey(SharedApp.get(), ApiScope.PUBLISH, 1000);
        HttpResponse<String> badSchedule = api.post("/campaigns/preview",
                spec("bad", 1, 1, "IMAGE").replace("\"dailyMax\":50", "\"dailyMax\":0"));
        assertThat(badSchedule.statusCode()).as(badSchedule.body()).isEqualTo(400);
        assertThat(ApiClient.json(badSchedule).get("field").asString()).isEqualTo("schedule");
        assertThat(ApiClient.json(badSchedule).get("detail").asString()).contains("at least 1");
        HttpResponse<String> badCursor = api.get("/tasks?cursor=nonsense");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(badCursor).get("field").asString()).isEqualTo("cursor");
        HttpResponse<String> badStatus = api.get("/media?status=SHINY");
        assertThat(ApiClient.json(badStatus).get("field").asString()).isEqualTo("status");
        assertThat(api.get("/campaigns/987654321").statusCode()).isEqualTo(404);
    }

    @Test
    void pages_of_a_list_follow_opaque_cursors_without_repeats() {
        AppInstance app = SharedApp.get();
        connected(app, 3, "apipages");
        ApiClient api = ApiClient.withNewKey(app, ApiScope.READ, 1000);
        JsonNode first = ApiClient.json(api.get("/accounts?tag=apipages&limit=2"));
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = ApiClient.json(api.get("/accounts?tag=apipages&limit=2&cursor=" + cursor));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(first.findValuesAsString("username")).doesNotContainAnyElementsOf(second.findValuesAsString("username"));
        assertThat(api.get("/media?cursor=" + cursor).statusCode()).as("a cursor of another list").isEqualTo(400);
    }

    @Test
    void no_body_is_read_before_the_key_is_checked() throws IOException {
        AppInstance app = SharedApp.get();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/media?fileName=big.mp4 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + (50L * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 401");
        }
    }

    private static java.util.List<PublishingFixture.Connected> connected(AppInstance app, int count, String tag) {
        SignedIn.as("api-test", "OPERATOR");
        try {
            return new PublishingFixture(app).accounts(count, tag);
        } finally {
            SignedIn.out();
        }
    }

    static String spec(String name, long account, long media, String type) {
        return """
                {"name":"%s","accountIds":[%d],"accountTag":null,"mediaIds":[%d],
                 "captions":{"kind":"template","template":"%s #{n}"},"hashtagSets":[],
                 "assignment":{"kind":"every"},
                 "schedule":{"startAt":null,"minSpacing":"PT0S","windowStart":null,"windowEnd":null,"dailyMax":50},
                 "options":{"type":"%s","shareToFeed":false,"coverOffset":null,"carouselSize":0}}
                """.formatted(name, account, media, name, type).replace("\n", "");
    }
}
