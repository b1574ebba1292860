package io.switchboard.publishing;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client review links on two instances behind a load balancer on one database: the rate limit is one count in
 * PostgreSQL, not one per instance; an expired or withdrawn link opens on neither; a campaign still in review is
 * withdrawn by cancelling the rest.
 */
class ReviewLinksAcrossInstancesTest {
    private static final String[] SETTINGS = {"switchboard.approvals.required=true",
            "switchboard.approvals.link-uses-per-minute=4"};
    private static AppInstance one;
    private static AppInstance two;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        String database = TestPostgres.freshDatabase();
        one = AppInstance.start(database, SETTINGS);
        two = AppInstance.start(database, SETTINGS);
    }

    @AfterAll
    static void stop() {
        two.close();
        one.close();
    }

    @Test
    void a_link_used_on_two_instances_is_limited_once_for_both() throws Exception {
        PublishingFixture fixture = new PublishingFixture(one);
        String token;
        SignedIn.as("limit-author", "OPERATOR");
        try {
            long campaign = one.bean(Campaigns.class).launch(PublishingFixture.imageCampaign("limit-" + UUID.randomUUID(),
                    fixture.accounts(1, "limit"), fixture.images(1)), "limit-author");
            token = one.bean(ReviewLinks.class).create(campaign);
        } finally {
            SignedIn.out();
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(open(i % 2 == 0 ? one : two, token));
        }
        assertThat(statuses).as("4 uses a minute: two on each instance pass").containsOnly(200);
        assertThat(open(one, token)).as("the 5th, on the first instance").isEqualTo(429);
        assertThat(open(two, token)).as("and on the second").isEqualTo(429);
    }

    @Test
    void an_expired_or_withdrawn_link_is_refused_and_says_why() throws Exception {
        PublishingFixture fixture = new PublishingFixture(one);
        long campaign;
        String expired;
        String withdrawn;
        SignedIn.as("limit-author", "OPERATOR");
        try {
            campaign = one.bean(Campaigns.class).launch(PublishingFixture.imageCampaign("expiry-" + UUID.randomUUID(),
                    fixture.accounts(1, "expiry"), fixture.images(1)), "limit-author");
            expired = one.bean(ReviewLinks.class).create(campaign);
            withdrawn = one.bean(ReviewLinks.class).create(campaign);
        } finally {
            SignedIn.out();
        }
        assertThat(open(two, expired)).isEqualTo(200);
        one.bean(org.jooq.DSLContext.class).update(switchboard.jooq.Tables.REVIEW_LINK)
                .set(switchboard.jooq.Tables.REVIEW_LINK.EXPIRES_AT, java.time.OffsetDateTime.now().minusMinutes(1))
                .where(switchboard.jooq.Tables.REVIEW_LINK.TOKEN_HASH.eq(ReviewLinks.hash(expired))).execute();
        assertThat(open(two, expired)).as("expired").isEqualTo(410);
        SignedIn.as("limit-author", "OPERATOR");
        try {
            long link = one.bean(ReviewLinks.class).of(campaign).getFirst().id();
            one.bean(ReviewLinks.class).revoke(campaign, link);
        } finally {
            SignedIn.out();
        }
        assertThat(open(one, withdrawn)).as("withdrawn").isEqualTo(410);
        assertThat(open(one, "not-a-link")).isEqualTo(404);
    }

    @Test
    void a_campaign_in_review_is_withdrawn_by_cancelling_the_rest_and_nothing_of_it_is_submitted() {
        PublishingFixture fixture = new PublishingFixture(one);
        SignedIn.as("limit-author", "OPERATOR");
        try {
            long campaign = one.bean(Campaigns.class).launch(PublishingFixture.imageCampaign("withdraw-" + UUID.randomUUID(),
                    fixture.accounts(2, "withdraw"), fixture.images(1)), "limit-author");
            assertThat(one.bean(Campaigns.class).cancelRest(campaign, "limit-author")).isEqualTo(2);
            assertThat(two.bean(Campaigns.class).find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.CANCELLED);
            assertThat(fixture.posts(campaign)).extracting(CampaignPost::status).containsOnly(PostStatus.CANCELLED);
            assertThat(one.bean(Approvals.class).state(one.bean(Campaigns.class).find(campaign).orElseThrow()))
                    .isEqualTo("withdrawn before approval");
        } finally {
            SignedIn.out();
        }
    }

    private static int open(AppInstance app, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/review/" + token))).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
