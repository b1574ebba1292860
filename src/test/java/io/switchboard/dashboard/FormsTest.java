package io.switchboard.dashboard;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.UploadResult;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.ProxyFilter;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.CampaignStatus;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * Every form over real HTTP: each mistake comes back beside its field in a sentence that says what to do, every
 * mistake at once, with what was typed; nothing is saved until all is right. Destructive and wide commands answer
 * first with a confirmation that counts what they touch, and change nothing until confirmed.
 */
class FormsTest {
    private static AppInstance app;
    private static WebSession operator;
    private static List<PublishingFixture.Connected> accounts;
    private static long image;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        SignedIn.as("forms-setup", "OPERATOR");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            accounts = fixture.accounts(2, "forms");
            image = fixture.images(1).getFirst();
        } finally {
            SignedIn.out();
        }
        operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_add_proxy_form_names_each_mistake_beside_its_field_and_keeps_what_was_typed() {
        operator.get(app.url("/proxies/new"));
        var empty = operator.post(app.url("/proxies/new"), proxy("", "", "", ""));
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(error(empty, "host")).isEqualTo("Enter the proxy's host name or IP address.");
        assertThat(error(empty, "port")).isEqualTo("Enter the proxy's port (1 to 65535).");
        assertThat(empty.body()).contains("2 fields need a change");

        var wrong = operator.post(app.url("/proxies/new"), proxy("not a host!", "99999", "eu-frankfurt-1", "eu west"));
        assertThat(error(wrong, "host")).isEqualTo("'not a host!' is not a host name or IP address.");
        assertThat(error(wrong, "port")).isEqualTo("'99999' is not a port: use a number from 1 to 65535.");
        assertThat(value(wrong, "label")).isEqualTo("eu-frankfurt-1");
        assertThat(value(wrong, "host")).isEqualTo("not a host!");
        assertThat(value(wrong, "port")).isEqualTo("99999");
        assertThat(app.bean(Proxies.class).ids(ProxyFilter.ALL)).as("nothing saved").isEmpty();

        var right = operator.post(app.url("/proxies/new"), proxy("proxy.example.net", "8080", "eu-frankfurt-1", "eu"));
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(app.bean(Proxies.class).ids(ProxyFilter.ALL)).hasSize(1);
    }

    @Test
    void account_settings_report_every_mistake_at_once_and_lose_nothing_typed() {
        long id = accounts.getFirst().id();
        operator.get(app.url("/accounts/" + id));
        Map<String, String> typed = Map.of("timeZone", "Mars/Olympus_Mons", "tags", "good; -bad-",
                "notes", "Agency client since 2024", "desiredBiography", "b".repeat(151), "desiredWebsite", "not a site");
        var response = operator.post(app.url("/accounts/" + id + "/settings"), typed);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(error(response, "timeZone")).startsWith("'Mars/Olympus_Mons' is not a time zone");
        assertThat(error(response, "desiredBiography")).contains("at most 150 characters");
        assertThat(error(response, "desiredWebsite")).contains("is not a web address");
        assertThat(error(response, "tags")).isNotEmpty();
        assertThat(value(response, "timeZone")).isEqualTo("Mars/Olympus_Mons");
        assertThat(value(response, "tags")).isEqualTo("good; -bad-");
        assertThat(textarea(response, "notes")).isEqualTo("Agency client since 2024");
        assertThat(textarea(response, "desiredBiography")).isEqualTo("b".repeat(151));
        assertThat(response.body()).contains("list=\"time-zones\"", "<datalist id=\"time-zones\"", "hx-get=\"/time-zones\"")
                .as("the ~600 zones are fetched when the field is focused, not in every page")
                .doesNotContain("<option value=\"Europe/Berlin\"");
        var zones = operator.get(app.url("/time-zones"), Map.of("HX-Request", "true"));
        assertThat(zones.body()).contains("<datalist id=\"time-zones\">", "<option value=\"Europe/Berlin\"",
                "<option value=\"UTC\">UTC</option>");
        assertThat(zones.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("private", "max-age="));
        Account unchanged = app.bean(Accounts.class).find(id).orElseThrow();
        assertThat(unchanged.notes()).as("nothing saved while a field is wrong").isEmpty();
        assertThat(unchanged.timeZone().getId()).isEqualTo("UTC");

        var saved = operator.post(app.url("/accounts/" + id + "/settings"), Map.of("timeZone", "Asia/Tokyo",
                "tags", "good", "notes", "Agency client since 2024", "desiredBiography", "", "desiredWebsite", ""));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(app.bean(Accounts.class).find(id).orElseThrow().timeZone().getId()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void the_campaign_form_caps_lengths_refuses_a_past_start_and_reads_a_start_in_any_zone() {
        operator.get(app.url("/campaigns/new"));
        Map<String, String> form = campaign("n".repeat(300), "2020-01-01T09:00", "Europe/Berlin");
        var refused = operator.post(app.url("/campaigns/preview"), form);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(error(refused, "name")).isEqualTo("Shorten the name to at most 100 characters.");
        assertThat(error(refused, "startAt")).startsWith("This start has passed (it is now ")
                .contains("in Europe/Berlin): choose a later time, or leave it empty");
        assertThat(value(refused, "name")).isEqualTo("n".repeat(300));
        assertThat(value(refused, "startAt")).isEqualTo("2020-01-01T09:00");

        var badZone = operator.post(app.url("/campaigns/preview"), campaign("Tokyo morning", "", "Tokio"));
        assertThat(error(badZone, "startZone")).isEqualTo("'Tokio' is not a time zone: pick one from the list (type "
                + "part of a city, such as Berlin).");

        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        var preview = operator.post(app.url("/campaigns/preview"), campaign("Tokyo morning", day + "T09:00", "Asia/Tokyo"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"plan\"").as("09:00 in Tokyo is 00:00 UTC, the account's zone")
                .contains(day + " 00:00 UTC");

        // the form lists up to 200 accounts with five override fields each, all posted even when empty
        Map<String, String> wide = new java.util.LinkedHashMap<>(campaign("Tokyo morning", day + "T09:00", "Asia/Tokyo"));
        for (int account = 1; account <= 200; account++) {
            for (String field : List.of("caption", "locationName", "locationId", "collaborators", "firstComment")) {
                wide.put("igOverride." + (1_000_000 + account) + "." + field, "");
            }
        }
        var full = operator.post(app.url("/campaigns/preview"), wide);
        assertThat(full.statusCode()).as("a form of 200 accounts is read whole, not cut at 1,000 parameters")
                .isEqualTo(200);
        assertThat(full.body()).contains("id=\"plan\"");
    }

    @Test
    void the_sandbox_forms_name_accounts_by_username_and_answer_mistakes_in_place() {
        WebSession admin = Operators.admin(app);
        admin.get(app.url("/sandbox"));
        var settings = admin.post(app.url("/sandbox/admin/settings"), Map.of("latencyMs", "fast",
                "processingDelayMs", "0", "publishQuota", "50", "hourlyCallBudget", "0"));
        assertThat(settings.statusCode()).as("not 'The server answered 400'").isEqualTo(200);
        assertThat(error(settings, "latencyMs")).isEqualTo("Enter 0 to 60000 ms.");
        assertThat(error(settings, "hourlyCallBudget")).isEqualTo("Enter 1 to 1000000 calls.");
        assertThat(value(settings, "latencyMs")).isEqualTo("fast");

        var unknown = admin.post(app.url("/sandbox/admin/faults"), Map.of("error", "190/460", "call", "publish",
                "ratePercent", "100", "times", "2", "account", "@nobody_here"));
        assertThat(error(unknown, "account")).isEqualTo("No sandbox account is called @nobody_here: pick one from the list.");
        assertThat(value(unknown, "times")).isEqualTo("2");

        String username = app.bean(Accounts.class).find(accounts.getFirst().id()).orElseThrow().username();
        var injected = admin.post(app.url("/sandbox/admin/faults"), Map.of("error", "190/460", "call", "publish",
                "ratePercent", "100", "times", "2", "account", "@" + username));
        assertThat(injected.statusCode()).isEqualTo(302);
        assertThat(admin.get(app.url("/sandbox")).body()).contains("@" + username);
        admin.post(app.url("/sandbox/admin/reset"), Map.of());

        operator.get(app.url("/accounts/connect"));
        var prefix = operator.post(app.url("/accounts/connect/sandbox"), Map.of("count", "2", "prefix", "Brand Demo!",
                "tags", "demo", "platform", "instagram"));
        assertThat(prefix.statusCode()).isEqualTo(200);
        assertThat(error(prefix, "prefix")).startsWith("A prefix is 1 to 20 lower-case letters, digits, dots or underscores");
        assertThat(value(prefix, "prefix")).as("refused, not rewritten to branddemo").isEqualTo("Brand Demo!");
    }

    @Test
    void the_tiktok_options_and_the_tiktok_sandbox_answer_mistakes_beside_their_fields() {
        operator.get(app.url("/campaigns/new"));
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        Map<String, String> form = campaign("TikTok brand", day + "T09:00", "UTC");
        form.put("tiktok.privacyLevel", "SELF_ONLY");
        form.put("tiktok.brandedContent", "true");
        form.put("_tiktok.allowDuets", "on");
        form.put("tiktok.caption", "Only on TikTok #{n}");
        var refused = operator.post(app.url("/campaigns/preview"), form);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(error(refused, "tiktok.privacyLevel")).startsWith("TikTok does not take branded content as");
        assertThat(refused.body()).contains("Only on TikTok #{n}").as("the declaration for branded content")
                .contains("Branded Content Policy and Music Usage Confirmation");

        form.put("tiktok.privacyLevel", "FOLLOWER_OF_CREATOR");
        var preview = operator.post(app.url("/campaigns/preview"), form);
        assertThat(preview.body()).contains("id=\"plan\"",
                "name=\"tiktok.privacyLevel\" value=\"FOLLOWER_OF_CREATOR\"", "name=\"tiktok.allowDuets\" value=\"false\"");
        assertThat(preview.body()).as("TikTok's declaration only where the campaign posts to TikTok (this one: Instagram)")
                .doesNotContain("id=\"tiktok-consent\"");

        WebSession admin = Operators.admin(app);
        assertThat(admin.get(app.url("/sandbox/admin/tiktok")).body()).contains("Inject an error", "id=\"tiktok-faults\"");
        var cap = admin.post(app.url("/sandbox/admin/tiktok/settings"), Map.of("dailyCap", "lots"));
        assertThat(cap.statusCode()).isEqualTo(200);
        assertThat(error(cap, "dailyCap")).isEqualTo("Enter 1 to 10000 posts.");
        assertThat(value(cap, "dailyCap")).isEqualTo("lots");
        var nobody = admin.post(app.url("/sandbox/admin/tiktok/faults"), Map.of("code", "internal_error",
                "endpoint", "init", "times", "2", "creator", "@nobody_here"));
        assertThat(error(nobody, "creator")).startsWith("No sandbox creator is called @nobody_here");
        var mismatch = admin.post(app.url("/sandbox/admin/tiktok/faults"), Map.of("code", "internal_error",
                "endpoint", "processing", "times", "1", "creator", ""));
        assertThat(error(mismatch, "code")).startsWith("Processing fails with a fail reason");
        var injected = admin.post(app.url("/sandbox/admin/tiktok/faults"), Map.of("code", "internal_error",
                "endpoint", "init", "times", "2", "creator", ""));
        assertThat(injected.statusCode()).isEqualTo(302);
        assertThat(admin.get(app.url("/sandbox/admin/tiktok")).body()).contains("<code>internal_error</code>");
        admin.post(app.url("/sandbox/admin/tiktok/faults/clear"), Map.of());
    }

    @Test
    void no_form_answers_in_the_validators_own_words() {
        WebSession admin = Operators.admin(app);
        admin.get(app.url("/operators"));
        var operatorForm = admin.post(app.url("/operators"), Map.of("username", "u".repeat(41), "role", "OPERATOR",
                "password", "correct-horse-battery"));
        assertThat(error(operatorForm, "username")).isEqualTo("Shorten the username to at most 40 characters.");

        operator.get(app.url("/media/" + image));
        var media = operator.post(app.url("/media/" + image), Map.of("title", "", "tags", "ok", "defaultCaption",
                "c".repeat(2201), "coverOffsetSeconds", "soon"));
        assertThat(error(media, "coverOffsetSeconds")).isEqualTo("Enter seconds from 0 to 900, such as 1.5.");
        assertThat(error(media, "title")).isEqualTo("Give it a title of 1 to 200 characters.");
        assertThat(error(media, "defaultCaption")).startsWith("The platform takes captions of at most 2200 characters");

        for (HttpResponse<String> page : List.of(operatorForm, media)) {
            assertThat(page.body()).doesNotContain("size must be", "must not be blank", "Failed to convert");
        }
    }

    @Test
    void destructive_and_wide_commands_ask_first_saying_what_they_touch() throws Exception {
        MediaLibrary library = app.bean(MediaLibrary.class);
        long spare;
        SignedIn.as("forms-setup", "OPERATOR");
        try {
            var stored = library.upload("spare-" + UUID.randomUUID() + ".mp4",
                    new ByteArrayInputStream(testsupport.Clips.mp4Lookalike("not a video")), "test");
            spare = ((UploadResult.Stored) stored).item().id();
        } finally {
            SignedIn.out();
        }
        operator.get(app.url("/media/" + spare));
        var askDelete = operator.post(app.url("/media/" + spare + "/delete"), Map.of());
        assertThat(confirmation(askDelete)).contains("are removed from storage", "No campaign schedules it");
        assertThat(library.find(spare)).isPresent();
        assertThat(operator.post(app.url("/media/" + spare + "/delete"), Map.of("confirmed", "true")).statusCode())
                .isEqualTo(302);
        assertThat(library.find(spare)).isEmpty();

        long campaign = launchTomorrow();
        var askCancel = operator.post(app.url("/campaigns/" + campaign + "/cancel"), Map.of());
        assertThat(confirmation(askCancel)).contains("2 post(s) that have not gone to the platform are cancelled: 2 scheduled",
                "0 published post(s) stay published");
        assertThat(app.bean(Campaigns.class).find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);

        long account = accounts.get(1).id();
        var askDisable = operator.post(app.url("/accounts/" + account + "/disable"), Map.of());
        assertThat(confirmation(askDisable)).contains("1 of its posts not published yet are held until then.");
        assertThat(app.bean(Accounts.class).find(account).orElseThrow().status().name()).isEqualTo("ACTIVE");

        Proxies proxies = app.bean(Proxies.class);
        long down;
        SignedIn.as("forms-setup", "OPERATOR");
        try {
            down = proxies.add(new ProxyDraft("down-1", "socks5", "down.example.net", "1080", "", "", "", "", true));
        } finally {
            SignedIn.out();
        }
        eventually(Duration.ofSeconds(30), () -> assertThat(proxies.find(down).orElseThrow().status())
                .as("its first diagnostics: the host does not resolve").isEqualTo(ProxyStatus.DOWN));
        operator.get(app.url("/proxies"));
        var askDefault = operator.post(app.url("/proxies/default"), Map.of("proxyId", String.valueOf(down)));
        assertThat(confirmation(askDefault)).contains("down-1 is down (",
                "The 2 account(s) without a proxy of their own would go out through it");
        assertThat(proxies.defaultProxy()).isEmpty();

        var askDeleteProxy = operator.post(app.url("/proxies/" + down + "/delete"), Map.of());
        assertThat(confirmation(askDeleteProxy)).contains("No account is assigned to it");
        assertThat(proxies.find(down)).isPresent();

        var askPause = operator.post(app.url("/queues/media/pause"), Map.of());
        assertThat(confirmation(askPause)).contains("task(s) waiting in it do not start until you resume it");

        assertThat(operator.post(app.url("/proxies/default"), Map.of("proxyId", String.valueOf(down),
                "confirmed", "true")).statusCode()).isEqualTo(302);
        assertThat(proxies.defaultProxy()).isPresent();
        var refused = operator.post(app.url("/proxies/" + down + "/delete"), Map.of());
        assertThat(refused.statusCode()).as("the default route is refused outright, no confirmation").isEqualTo(302);
        operator.post(app.url("/proxies/default"), Map.of("proxyId", ""));
    }

    private static long launchTomorrow() {
        SignedIn.as("forms-setup", "OPERATOR");
        try {
            return app.bean(Campaigns.class).launch(new CampaignSpec("Tomorrow " + UUID.randomUUID(),
                    accounts.stream().map(PublishingFixture.Connected::id).toList(), null, List.of(image),
                    new CaptionStrategy.OwnCaption(), List.of(), new Assignment.EveryAccountEveryMedia(),
                    new Schedule(Instant.now().plus(Duration.ofDays(1)), Duration.ZERO, null, null, 10),
                    new PostOptions(PostType.IMAGE, false, null, 0)), "forms-setup");
        } finally {
            SignedIn.out();
        }
    }

    private static Map<String, String> proxy(String host, String port, String label, String region) {
        return Map.of("scheme", "http", "host", host, "port", port, "label", label, "region", region, "tags", "",
                "username", "", "password", "", "enabled", "true");
    }

    private static Map<String, String> campaign(String name, String startAt, String startZone) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("name", name, "postType", "IMAGE", "captionMode", "own",
                "assignment", "every", "perAccount", "1", "spacingMinutes", "60", "dailyMax", "10",
                "startAt", startAt, "startZone", startZone, "carouselSize", "3"));
        form.put("accounts", String.valueOf(accounts.get(1).id()));
        form.put("media", String.valueOf(image));
        return new HashMap<>(form);
    }

    /** The text of the confirmation page's list of what the command touches; fails if the page is not one. */
    private static String confirmation(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"confirm-form\"", "name=\"confirmed\" value=\"true\"");
        Matcher details = Pattern.compile("<ul class=\"confirm-details\" id=\"confirm-details\">(.*?)</ul>",
                Pattern.DOTALL).matcher(response.body());
        assertThat(details.find()).isTrue();
        return unescape(details.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " "));
    }

    /** The mistake shown beside a field (the element with id "field-error"), or "" when there is none. */
    private static String error(HttpResponse<String> response, String field) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\"[^>]*>(.*?)</small>", Pattern.DOTALL)
                .matcher(response.body());
        return matcher.find() ? unescape(matcher.group(1).strip()) : "";
    }

    private static String value(HttpResponse<String> response, String id) {
        Matcher input = Pattern.compile("<input[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(response.body());
        assertThat(input.find()).as("an input #%s", id).isTrue();
        Matcher value = Pattern.compile("\\svalue=\"([^\"]*)\"").matcher(input.group());
        return value.find() ? unescape(value.group(1)) : "";
    }

    private static String textarea(HttpResponse<String> response, String id) {
        Matcher area = Pattern.compile("<textarea[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</textarea>",
                Pattern.DOTALL).matcher(response.body());
        assertThat(area.find()).as("a textarea #%s", id).isTrue();
        return unescape(area.group(1).replaceFirst("^\\n", ""));
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
