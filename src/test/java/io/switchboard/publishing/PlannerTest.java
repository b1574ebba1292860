package io.switchboard.publishing;

import io.switchboard.publishing.Plan.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Planning a campaign: assignment, captions, the schedule in each account's time zone, and the checks. */
class PlannerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void every_account_gets_every_media_spaced_inside_its_own_daily_window() {
        var schedule = new Schedule(null, Duration.ofHours(2), LocalTime.of(9, 0), LocalTime.of(18, 0), 3);
        Plan plan = Planner.plan(spec(new Assignment.EveryAccountEveryMedia(), schedule, new CaptionStrategy.OwnCaption()),
                List.of(account(1, BERLIN), account(2, TOKYO)), media(5), NOW);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.posts()).hasSize(10);
        for (long account : new long[]{1, 2}) {
            ZoneId zone = account == 1 ? BERLIN : TOKYO;
            List<ZonedDateTime> times = plan.posts().stream().filter(p -> p.accountId() == account)
                    .map(p -> p.at().atZone(zone)).sorted().toList();
            assertThat(times).allSatisfy(t -> assertThat(t.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(18, 0)));
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(Duration.ofHours(2));
            }
            assertThat(times.stream().collect(Collectors.groupingBy(ZonedDateTime::toLocalDate, Collectors.counting())))
                    .allSatisfy((day, count) -> assertThat(count).isLessThanOrEqualTo(3));
        }
        // Berlin is at 09:00 when the campaign launches at 08:00 UTC; Tokyo (17:00) fits one post, then waits a day
        assertThat(plan.posts().getFirst().at()).isEqualTo(NOW);
        var tokyo = plan.posts().stream().filter(p -> p.accountId() == 2).map(p -> p.at().atZone(TOKYO)).toList();
        assertThat(tokyo.getFirst().toLocalTime()).isEqualTo(LocalTime.of(17, 0));
        assertThat(tokyo.get(1).toLocalDateTime()).isEqualTo(tokyo.getFirst().toLocalDate().plusDays(1).atTime(9, 0));
    }

    @Test
    void round_robin_gives_each_media_to_one_account_and_per_account_gives_distinct_media() {
        Plan roundRobin = Planner.plan(spec(new Assignment.RoundRobin(), anyTime(), new CaptionStrategy.OwnCaption()),
                List.of(account(1, BERLIN), account(2, BERLIN), account(3, BERLIN)), media(7), NOW);
        assertThat(roundRobin.posts()).hasSize(7);
        assertThat(roundRobin.posts().stream().collect(Collectors.groupingBy(Plan.Post::accountId, Collectors.counting())))
                .isEqualTo(Map.of(1L, 3L, 2L, 2L, 3L, 2L));

        Plan perAccount = Planner.plan(spec(new Assignment.PerAccount(2), anyTime(), new CaptionStrategy.OwnCaption()),
                List.of(account(1, BERLIN), account(2, BERLIN)), media(5), NOW);
        assertThat(perAccount.posts()).extracting(p -> p.accountId() + ":" + p.mediaIds().getFirst())
                .containsExactly("1:101", "1:102", "2:103", "2:104");
    }

    @Test
    void captions_fill_in_templates_rotate_and_carry_hashtag_sets() {
        var captions = new CaptionStrategy.Rotate(List.of("{media.title} by @{account.username} on {date}", "#{n} {account.name}"));
        var spec = new CampaignSpec("Launch", List.of(), null, List.of(), captions, List.of("#travel #sunset", "#food"),
                new Assignment.EveryAccountEveryMedia(), anyTime(), PostOptions.reels());
        Plan plan = Planner.plan(spec, List.of(account(1, BERLIN)), media(3), NOW);

        assertThat(plan.posts()).extracting(Plan.Post::caption).containsExactly(
                "Clip 101 by @brand1 on 2026-11-23\n\n#travel #sunset",
                "#2 Brand One\n\n#food",
                "Clip 103 by @brand1 on 2026-11-23\n\n#travel #sunset");
    }

    @Test
    void every_problem_is_found_before_anything_is_sent() {
        var tooManyTags = LongStream.rangeClosed(1, 31).mapToObj(i -> "#t" + i).collect(Collectors.joining(" "));
        var spec = new CampaignSpec("Bad", List.of(), null, List.of(), new CaptionStrategy.Template("{media.title} {nope} "
                + "x".repeat(2200)), List.of(tooManyTags), new Assignment.EveryAccountEveryMedia(),
                new Schedule(null, Duration.ZERO, null, null, 60), PostOptions.reels());
        var disabled = new Planner.Target(9, "lapsed", "Lapsed", BERLIN, 50, List.of(new Planner.Hold(true,
                "@lapsed is disabled", "Enable it on its page, or remove it from the campaign.", "blocked: account disabled")));
        var notReady = new Planner.Material(200, "Raw cut", "", true, false, "preparing");
        var image = new Planner.Material(201, "Poster", "", false, true, "ready");

        Plan plan = Planner.plan(spec, List.of(account(1, BERLIN), disabled), List.of(notReady, image), NOW);

        assertThat(plan.launchable()).isFalse();
        assertThat(plan.problems()).extracting(Plan.Problem::message).anySatisfy(m -> assertThat(m).contains("@lapsed is disabled: 2 posts of @lapsed cannot go out. Enable it"))
                .anySatisfy(m -> assertThat(m).contains("\"Raw cut\" is not ready (preparing)"))
                .anySatisfy(m -> assertThat(m).contains("\"Poster\" is an image: Reels need videos"))
                .anySatisfy(m -> assertThat(m).contains("daily maximum of 60 is above @brand1's publishing quota of 50"))
                .anySatisfy(m -> assertThat(m).contains("unknown variable {nope}"))
                .anySatisfy(m -> assertThat(m).contains("the platform takes at most 2200"))
                .anySatisfy(m -> assertThat(m).contains("31 hashtags"));
    }

    @Test
    void a_dense_schedule_is_spread_so_that_no_24_hours_pass_the_quota_and_the_operator_is_told() {
        var spec = spec(new Assignment.EveryAccountEveryMedia(), new Schedule(null, Duration.ofMinutes(10), null, null, 40),
                new CaptionStrategy.OwnCaption());
        Plan plan = Planner.plan(spec, List.of(account(1, BERLIN)), media(70), NOW);

        assertThat(plan.posts()).hasSize(70);
        List<Instant> times = plan.posts().stream().map(Plan.Post::at).sorted().toList();
        for (int i = 0; i + 50 < times.size(); i++) {
            assertThat(Duration.between(times.get(i), times.get(i + 50))).as("51 posts within 24 hours from post %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofHours(24));
        }
        assertThat(plan.posts()).filteredOn(p -> p.waitsFor() != null && p.waitsFor().contains("publishing quota"))
                .isNotEmpty();
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("of @brand1 go out later to stay within its publishing quota of 50");
        });
        assertThat(plan.launchable()).isTrue();
    }

    @Test
    void a_post_waits_for_the_spacing_after_the_accounts_post_from_another_campaign_and_says_so() {
        Instant autumn = Instant.parse("2026-11-23T11:19:00Z");
        var spec = spec(new Assignment.EveryAccountEveryMedia(), new Schedule(Instant.parse("2026-11-23T11:21:00Z"),
                Duration.ofMinutes(60), null, null, 10), new CaptionStrategy.OwnCaption());
        Plan plan = Planner.plan(spec, List.of(account(1, BERLIN)), media(2),
                Map.of(1L, List.of(new BusySlots.Busy(autumn, Duration.ofMinutes(60), "Autumn launch"))), NOW,
                Integer.MAX_VALUE);

        assertThat(plan.posts().getFirst().at()).isEqualTo(Instant.parse("2026-11-23T12:19:00Z"));
        assertThat(plan.posts().getFirst().waitsFor())
                .isEqualTo("the 60-minute spacing after @brand1's 11:19 UTC post from Autumn launch");
        assertThat(plan.posts().get(1).at()).isEqualTo(Instant.parse("2026-11-23T13:19:00Z"));
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).startsWith("1 post goes out later").contains("(Autumn launch: 1)");
        });
    }

    @Test
    void a_post_does_not_push_a_later_post_of_another_campaign_and_the_daily_maximum_counts_every_campaign() {
        // the other campaign's 12:00 post keeps 30 minutes after the account's previous one: 11:50 would delay it
        var spec = spec(new Assignment.EveryAccountEveryMedia(), new Schedule(Instant.parse("2026-11-23T11:50:00Z"),
                Duration.ofMinutes(60), null, null, 3), new CaptionStrategy.OwnCaption());
        var busy = List.of(new BusySlots.Busy(Instant.parse("2026-11-23T12:00:00Z"), Duration.ofMinutes(30), "Spring"),
                new BusySlots.Busy(Instant.parse("2026-11-23T20:00:00Z"), Duration.ZERO, "Spring"));
        Plan plan = Planner.plan(spec, List.of(account(1, ZoneId.of("UTC"))), media(3), Map.of(1L, busy), NOW, Integer.MAX_VALUE);

        assertThat(plan.posts()).extracting(Plan.Post::at).containsExactly(Instant.parse("2026-11-23T13:00:00Z"),
                Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-24T01:00:00Z"));
        assertThat(plan.posts().getFirst().waitsFor()).isEqualTo("@brand1's 12:00 UTC post from Spring and its "
                + "30-minute spacing");
        assertThat(plan.posts().get(1).waitsFor()).isEqualTo("the daily maximum of 3 posts on @brand1");
    }

    @Test
    void holds_are_warnings_that_name_the_cause_the_posts_and_the_fix_and_a_disabled_account_blocks() {
        var proxyDown = new Planner.Hold(false, "Proxy eu-1 is down (connection refused)", "Fix the proxy.",
                "held: proxy down");
        var first = new Planner.Target(1, "brand1", "One", BERLIN, 50, List.of(proxyDown));
        var second = new Planner.Target(2, "brand2", "Two", BERLIN, 50, List.of(proxyDown));
        Plan plan = Planner.plan(spec(new Assignment.EveryAccountEveryMedia(), anyTime(), new CaptionStrategy.OwnCaption()),
                List.of(first, second, account(3, BERLIN)), media(2), NOW);

        assertThat(plan.launchable()).isTrue();
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).isEqualTo("Proxy eu-1 is down (connection refused): 4 posts of @brand1 and @brand2 "
                    + "will be held until it is fixed. Fix the proxy.");
            assertThat(p.accountIds()).containsExactlyInAnyOrder(1L, 2L);
        });
        assertThat(plan.problemsOf(plan.posts().getFirst())).extracting(Plan.Problem::label).containsExactly("held: proxy down");
    }

    @Test
    void a_campaign_larger_than_the_cap_is_refused_with_its_size_before_any_post_is_made() {
        var accounts = LongStream.rangeClosed(1, 300)
                .mapToObj(id -> new Planner.Target(id, "brand" + id, "Brand", BERLIN, 50, List.of())).toList();
        Plan plan = Planner.plan(spec(new Assignment.EveryAccountEveryMedia(), anyTime(), new CaptionStrategy.OwnCaption()),
                accounts, media(700), Map.of(), NOW, 200_000);

        assertThat(plan.posts()).isEmpty();
        assertThat(plan.launchable()).isFalse();
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.message()).contains("210,000 posts").contains("at most 200,000")
                    .contains("switchboard.publishing.max-campaign-posts");
        });
        assertThat(Planner.plan(spec(new Assignment.PerAccount(2), anyTime(), new CaptionStrategy.OwnCaption()),
                accounts, media(700), Map.of(), NOW, 600).posts()).hasSize(600);
    }

    @Test
    void texts_beyond_their_caps_are_named_and_absurd_ones_stop_the_planning() {
        var longName = new CampaignSpec("n".repeat(201), List.of(), null, List.of(), new CaptionStrategy.OwnCaption(),
                List.of(), new Assignment.EveryAccountEveryMedia(), anyTime(), PostOptions.reels());
        assertThat(Planner.plan(longName, List.of(account(1, BERLIN)), media(1), NOW).problems())
                .extracting(Plan.Problem::message).anySatisfy(m -> assertThat(m).contains("201 characters; keep it to 200"));

        var huge = new CampaignSpec("Huge", List.of(), null, List.of(), new CaptionStrategy.Template("x".repeat(100_000)),
                List.of(), new Assignment.EveryAccountEveryMedia(), anyTime(), PostOptions.reels());
        Plan plan = Planner.plan(huge, List.of(account(1, BERLIN)), media(3), NOW);
        assertThat(plan.posts()).isEmpty();
        assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("has 100000 characters; the platform takes 2200"));

        var manyCaptions = new CampaignSpec("Many", List.of(), null, List.of(),
                new CaptionStrategy.Rotate(java.util.Collections.nCopies(1001, "hi")), List.of(),
                new Assignment.EveryAccountEveryMedia(), anyTime(), PostOptions.reels());
        assertThat(Planner.plan(manyCaptions, List.of(account(1, BERLIN)), media(3), NOW).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("at most 1000 captions"));
    }

    @Test
    void a_video_longer_than_tiktok_takes_is_warned_of_when_tiktok_accounts_are_planned() {
        var tiktok = new Planner.Target(2, "creator", "Creator", BERLIN, 50, List.of(),
                io.switchboard.platform.Platform.TIKTOK);
        var longCut = new Planner.Material(301, "Director's cut", "", true, true, "ready", Duration.ofMinutes(11));
        var shortCut = new Planner.Material(302, "Teaser", "", true, true, "ready", Duration.ofMinutes(10));
        Plan mixed = Planner.plan(spec(new Assignment.EveryAccountEveryMedia(), anyTime(), new CaptionStrategy.OwnCaption()),
                List.of(account(1, BERLIN), tiktok), List.of(longCut, shortCut), NOW);
        assertThat(mixed.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Plan.Severity.WARNING);
            assertThat(p.message()).contains("\"Director's cut\" plays 11 min", "the 10 min TikTok takes", "@creator");
        });
        assertThat(mixed.launchable()).isTrue();

        Plan instagramOnly = Planner.plan(spec(new Assignment.EveryAccountEveryMedia(), anyTime(),
                new CaptionStrategy.OwnCaption()), List.of(account(1, BERLIN)), List.of(longCut), NOW);
        assertThat(instagramOnly.problems()).as("no TikTok account: nothing to warn of").isEmpty();
    }

    private static CampaignSpec spec(Assignment assignment, Schedule schedule, CaptionStrategy captions) {
        return new CampaignSpec("Test", List.of(), null, List.of(), captions, List.of(), assignment, schedule,
                PostOptions.reels());
    }

    private static Schedule anyTime() {
        return new Schedule(null, Duration.ofMinutes(30), null, null, 10);
    }

    private static Planner.Target account(long id, ZoneId zone) {
        String[] names = {"", "One", "Two", "Three"};
        return new Planner.Target(id, "brand" + id, "Brand " + names[(int) id], zone, 50, List.of());
    }

    private static List<Planner.Material> media(int count) {
        return LongStream.rangeClosed(101, 100 + count)
                .mapToObj(id -> new Planner.Material(id, "Clip " + id, "Caption of " + id, true, true, "ready")).toList();
    }
}
