package io.switchboard.publishing;

import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * Every Instagram option of a campaign, published through the real runner and Graph client against the sandbox
 * (in this process, over HTTP), asserted on what the sandbox recorded: the container parameters as sent, the
 * comments under the post.
 */
class InstagramOptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schedule NOW = new Schedule(null, Duration.ZERO, null, null, 50);
    private static AppInstance app;
    private static Campaigns campaigns;
    private static PublishingFixture fixture;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(),
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms",
                "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=1s");
        campaigns = app.bean(Campaigns.class);
        fixture = new PublishingFixture(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("options-test", "OPERATOR");
        SandboxControl.clearFaults(app);
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 50);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void a_reels_options_reach_its_container() {
        var account = fixture.accounts(1, "reelopts").getFirst();
        String collaborator = collaborator();
        var video = fixture.videos(1);
        var ig = new InstagramOptions(null, List.of(collaborator), new InstagramOptions.Location("110123456789", "Lisbon"),
                List.of(new InstagramOptions.UserTag(collaborator, null, null)), null, null, "Original sound",
                InstagramOptions.TrialGraduation.SS_PERFORMANCE, Map.of());
        long id = launch("Reel options", List.of(account), video,
                new PostOptions(PostType.REELS, false, Duration.ofMillis(1500), 0, ig));

        JsonNode sent = single(account, "REELS");
        assertThat(sent.path("collaborators").get(0).asString()).isEqualTo(collaborator);
        assertThat(sent.path("location_id").asString()).isEqualTo("110123456789");
        assertThat(sent.path("user_tags").get(0).path("username").asString()).isEqualTo(collaborator);
        assertThat(sent.path("user_tags").get(0).has("x")).as("Reels tag by username only").isFalse();
        assertThat(sent.path("audio_name").asString()).isEqualTo("Original sound");
        assertThat(sent.path("trial_params").path("graduation_strategy").asString()).isEqualTo("SS_PERFORMANCE");
        assertThat(sent.path("thumb_offset").asString()).as("the cover frame reaches the container").isEqualTo("1500");
        assertThat(sent.has("cover_url")).isFalse();
        assertThat(fixture.posts(id).getFirst().status()).isEqualTo(PostStatus.PUBLISHED);
    }

    @Test
    void a_custom_cover_from_the_library_goes_as_cover_url() {
        var account = fixture.accounts(1, "reelcover").getFirst();
        var video = fixture.videos(1);
        long cover = fixture.images(1).getFirst();
        var ig = new InstagramOptions(null, List.of(), null, List.of(), null, cover, null, null, Map.of());
        launch("Reel cover", List.of(account), video, new PostOptions(PostType.REELS, true, Duration.ofSeconds(1), 0, ig));

        JsonNode sent = single(account, "REELS");
        assertThat(sent.path("cover_url").asString()).contains("/" + cover);
        assertThat(sent.has("thumb_offset")).as("cover_url wins over the frame").isFalse();
    }

    @Test
    void image_options_and_per_account_overrides_reach_each_accounts_container() {
        var accounts = fixture.accounts(2, "imageopts");
        String collaborator = collaborator();
        var image = fixture.images(1);
        var regional = new InstagramOptions.AccountOverride("Hello from the north, @{account.username}",
                new InstagramOptions.Location("220987654321", "Porto"), List.of(), null);
        var ig = new InstagramOptions(null, List.of(collaborator), new InstagramOptions.Location("110123456789", "Lisbon"),
                List.of(new InstagramOptions.UserTag(collaborator, 0.25, 0.75)), null, null, null, null,
                Map.of(accounts.get(1).id(), regional));
        launch("Image options", accounts, image, new PostOptions(PostType.IMAGE, false, null, 0, ig));

        JsonNode first = single(accounts.get(0), "IMAGE");
        assertThat(first.path("alt_text").asString()).as("the media's title by default").isNotBlank();
        assertThat(first.path("location_id").asString()).isEqualTo("110123456789");
        assertThat(first.path("collaborators").get(0).asString()).isEqualTo(collaborator);
        assertThat(first.path("user_tags").get(0).path("x").asDouble()).isEqualTo(0.25);
        assertThat(first.path("user_tags").get(0).path("y").asDouble()).isEqualTo(0.75);

        JsonNode second = single(accounts.get(1), "IMAGE");
        assertThat(second.path("location_id").asString()).isEqualTo("220987654321");
        assertThat(second.has("collaborators")).as("an empty override clears the campaign's").isFalse();
        assertThat(SandboxControl.published(app, accounts.get(1).platformUserId()).getFirst().caption())
                .isEqualTo("Hello from the north, @" + SandboxControl.username(app, accounts.get(1).platformUserId()));
    }

    @Test
    void a_mixed_carousel_gives_each_item_its_own_options() {
        var account = fixture.accounts(1, "carouselopts").getFirst();
        String collaborator = collaborator();
        var images = fixture.images(2);
        var video = fixture.videos(1);
        var ig = new InstagramOptions(null, List.of(collaborator), new InstagramOptions.Location("110123456789", "Lisbon"),
                List.of(new InstagramOptions.UserTag(collaborator, 0.5, 0.5)), "Two friends at the beach", null, null,
                null, Map.of());
        launch("Carousel options", List.of(account), List.of(video.getFirst(), images.get(0), images.get(1)),
                new PostOptions(PostType.CAROUSEL, false, null, 3, ig));

        var recorded = SandboxControl.containerOptions(app, account.platformUserId());
        assertThat(recorded).hasSize(4);
        JsonNode videoItem = json(recorded.get(0).options());
        JsonNode firstImage = json(recorded.get(1).options());
        JsonNode secondImage = json(recorded.get(2).options());
        JsonNode parent = json(recorded.get(3).options());
        assertThat(recorded.get(0).mediaType()).isEqualTo("VIDEO");
        assertThat(videoItem.isEmpty()).as("a video item takes no alt text nor tags").isTrue();
        assertThat(firstImage.path("alt_text").asString()).isEqualTo("Two friends at the beach");
        assertThat(firstImage.path("user_tags").get(0).path("username").asString()).isEqualTo(collaborator);
        assertThat(secondImage.path("alt_text").asString()).isEqualTo("Two friends at the beach");
        assertThat(secondImage.has("user_tags")).isFalse();
        assertThat(recorded.get(3).mediaType()).isEqualTo("CAROUSEL");
        assertThat(parent.path("collaborators").get(0).asString()).isEqualTo(collaborator);
        assertThat(parent.path("location_id").asString()).isEqualTo("110123456789");
    }

    @Test
    void the_first_comment_is_posted_once_under_the_post() {
        var account = fixture.accounts(1, "firstcomment").getFirst();
        var ig = new InstagramOptions("Link in bio #summer", List.of(), null, List.of(), null, null, null, null, Map.of());
        long id = launch("First comment", List.of(account), fixture.images(1),
                new PostOptions(PostType.IMAGE, false, null, 0, ig));

        CampaignPost post = fixture.posts(id).getFirst();
        eventually(WAIT, () -> assertThat(comment(post.id()).status()).isEqualTo(FirstComment.Status.POSTED));
        assertThat(SandboxControl.comments(app, post.mediaId()))
                .containsExactly(SandboxControl.username(app, account.platformUserId()) + ": Link in bio #summer");
        assertThat(comment(post.id()).commentId()).isNotBlank();
        java.io.StringWriter csv = new java.io.StringWriter();
        campaigns.exportCsv(id, csv);
        assertThat(csv.toString().lines().toList().getLast())
                .endsWith("Link in bio #summer,posted," + comment(post.id()).commentId());
    }

    @Test
    void a_first_comment_without_the_permission_fails_alone_and_is_retried_alone() {
        var sandbox = SandboxControl.accountWithoutComments(app, "nocomments");
        long accountId = SandboxControl.connect(app, sandbox.accessToken(), "no-comments");
        var account = new PublishingFixture.Connected(accountId, sandbox.platformUserId());
        var ig = new InstagramOptions("First!", List.of(), null, List.of(), null, null, null, null, Map.of());
        long id = launch("Comment permission", List.of(account), fixture.images(1),
                new PostOptions(PostType.IMAGE, false, null, 0, ig));
        CampaignPost post = fixture.posts(id).getFirst();
        eventually(WAIT, () -> assertThat(comment(post.id()).status()).isEqualTo(FirstComment.Status.FAILED));
        assertThat(comment(post.id()).error()).contains("instagram_business_manage_comments").contains("Reconnect");
        assertThat(fixture.posts(id).getFirst().status()).as("the post stays published").isEqualTo(PostStatus.PUBLISHED);
        var accounts = app.bean(io.switchboard.accounts.Accounts.class);
        accounts.checkHealth(List.of(accountId));
        eventually(WAIT, () -> assertThat(accounts.find(accountId).orElseThrow().healthMessage())
                .as("token health names the permission, what goes undone and what to do")
                .contains("lacks instagram_business_manage_comments, so first comments are not posted")
                .contains("connect the account again and allow it").doesNotContain("manage_insights"));

        SandboxControl.connect(app, SandboxControl.newToken(app, account.platformUserId()), "no-comments");
        app.bean(CampaignPosts.class).retryFirstComment(id, post.id());
        eventually(WAIT, () -> assertThat(comment(post.id()).status()).isEqualTo(FirstComment.Status.POSTED));
        assertThat(SandboxControl.comments(app, post.mediaId())).hasSize(1);
        assertThat(SandboxControl.publishes(app, account.platformUserId())).as("never published again").isEqualTo(1);
    }

    @Test
    void an_account_not_eligible_for_trial_reels_fails_its_post_with_what_to_do() {
        var account = fixture.accounts(1, "trial").getFirst();
        SandboxControl.inject(app, 100, 2207081, "container", Long.parseLong(account.platformUserId()), 5);
        var ig = new InstagramOptions(null, List.of(), null, List.of(), null, null, null,
                InstagramOptions.TrialGraduation.MANUAL, Map.of());
        long id = campaigns.launch(PublishingFixture.campaign("Trial", List.of(account), fixture.videos(1),
                new PostOptions(PostType.REELS, true, null, 0, ig), NOW), "options-test");
        eventually(WAIT, () -> assertThat(fixture.posts(id).getFirst().status()).isEqualTo(PostStatus.FAILED));
        assertThat(fixture.posts(id).getFirst().statusReason()).contains("cannot publish trial Reels")
                .contains("2207081");
        assertThat(SandboxControl.calls(app, account.platformUserId())).as("not retried")
                .isLessThan(6);
    }

    @Test
    void tagging_an_account_that_does_not_exist_is_refused_as_the_platform_refuses_it() {
        var account = fixture.accounts(1, "unknowntag").getFirst();
        var ig = new InstagramOptions(null, List.of(), null, List.of(new InstagramOptions.UserTag("nobody_here", 0.5, 0.5)),
                null, null, null, null, Map.of());
        long id = campaigns.launch(PublishingFixture.campaign("Unknown tag", List.of(account), fixture.images(1),
                new PostOptions(PostType.IMAGE, false, null, 0, ig), NOW), "options-test");
        eventually(WAIT, () -> assertThat(fixture.posts(id).getFirst().status()).isEqualTo(PostStatus.FAILED));
        assertThat(fixture.posts(id).getFirst().statusReason()).contains("nobody_here").contains("does not exist");
    }

    @Test
    void saved_locations_are_chosen_by_name_and_an_accounts_default_goes_with_a_campaign_that_sets_none() {
        var admin = io.switchboard.testing.Operators.admin(app);
        admin.get(app.url("/locations"));
        var refused = admin.post(app.url("/locations"), Map.of("name", "Porto store", "pageId", "22O987654321"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).as("answered beside the field, the typed value kept")
                .contains("id=\"pageId-error\"").contains("digits only").contains("value=\"22O987654321\"");
        assertThat(admin.post(app.url("/locations"), Map.of("name", "Porto store", "pageId", "220987654321"))
                .statusCode()).isEqualTo(302);
        admin.get(app.url("/locations"));
        assertThat(admin.post(app.url("/locations"), Map.of("name", "porto STORE", "pageId", "1")).body())
                .contains("id=\"name-error\"").contains("saved as “porto STORE” already");
        long porto = app.bean(SavedLocations.class).named("Porto store").orElseThrow().id();

        var accounts = fixture.accounts(2, "regional");
        admin.get(app.url("/accounts/" + accounts.get(0).id()));
        assertThat(admin.post(app.url("/accounts/" + accounts.get(0).id() + "/location"),
                Map.of("location", String.valueOf(porto))).statusCode()).isEqualTo(302);
        assertThat(admin.get(app.url("/accounts/" + accounts.get(0).id())).body())
                .contains("<strong>Porto store</strong> when their campaign sets no location");

        launch("Regional defaults", accounts, fixture.images(1), new PostOptions(PostType.IMAGE, false, null, 0));
        assertThat(single(accounts.get(0), "IMAGE").path("location_id").asString()).isEqualTo("220987654321");
        assertThat(single(accounts.get(1), "IMAGE").has("location_id")).as("no default, no location").isFalse();

        admin.get(app.url("/campaigns/new"));
        var preview = admin.post(app.url("/campaigns/preview"), Map.ofEntries(Map.entry("name", "By name"),
                Map.entry("postType", "IMAGE"), Map.entry("captionMode", "own"), Map.entry("assignment", "every"),
                Map.entry("perAccount", "1"), Map.entry("spacingMinutes", "60"), Map.entry("dailyMax", "10"),
                Map.entry("startZone", "UTC"), Map.entry("carouselSize", "3"),
                Map.entry("accounts", String.valueOf(accounts.get(1).id())),
                Map.entry("media", String.valueOf(fixture.images(1).getFirst())),
                Map.entry("instagram.locationName", "porto store")));
        assertThat(preview.body()).as("a saved location's name alone is enough").contains("id=\"plan\"")
                .contains("name=\"instagram.locationId\" value=\"220987654321\"");

        var confirm = admin.post(app.url("/locations/" + porto + "/delete"), Map.of());
        assertThat(confirm.body()).contains("1 account has it as their default and will have none");
        assertThat(app.bean(SavedLocations.class).defaultOf(accounts.get(0).id())).as("not on one click").isPresent();
        admin.post(app.url("/locations/" + porto + "/delete"), Map.of("confirmed", "true"));
        assertThat(app.bean(SavedLocations.class).defaultOf(accounts.get(0).id())).isEmpty();
    }

    private static long launch(String name, List<PublishingFixture.Connected> accounts, List<Long> media,
                               PostOptions options) {
        long id = campaigns.launch(PublishingFixture.campaign(name, accounts, media, options, NOW), "options-test");
        eventually(WAIT, () -> assertThat(fixture.posts(id)).allSatisfy(p ->
                assertThat(p.status()).as(p.statusReason()).isEqualTo(PostStatus.PUBLISHED)));
        return id;
    }

    private static String collaborator() {
        return SandboxControl.username(app, SandboxControl.account(app, "collab").platformUserId());
    }

    private static JsonNode single(PublishingFixture.Connected account, String type) {
        var recorded = SandboxControl.containerOptions(app, account.platformUserId());
        assertThat(recorded).filteredOn(r -> r.mediaType().equals(type)).hasSize(1);
        return json(recorded.stream().filter(r -> r.mediaType().equals(type)).findFirst().orElseThrow().options());
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static FirstComment comment(long postId) {
        return app.bean(FirstComments.class).find(postId).orElseThrow();
    }
}
