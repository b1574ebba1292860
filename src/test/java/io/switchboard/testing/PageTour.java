package io.switchboard.testing;

import com.microsoft.playwright.Page;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import testsupport.SignedIn;
import testsupport.TaskFixtures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.jooq.impl.DSL.max;
import static switchboard.jooq.Tables.TASK;

/**
 * The pages an operator uses, each a named stop: a path, and for pages reached by a form (a form's mistakes, a
 * campaign's preview) what to do there. A page is one line in {@link #stops()}.
 */
public record PageTour(long account, long media, long spareMedia, long campaign, long proxy, long task, String viewer) {

    /**
     * One page: opened by navigating to {@code path}, then doing {@code then} (nothing for most), ready when
     * {@code ready} (a CSS selector) is on the page.
     */
    public record Stop(String name, String path, @Nullable Consumer<Page> then, String ready) {
        public Stop(String name, String path) {
            this(name, path, null, "main#content");
        }

        /** A page reached by a plain link (no form submitted on the way). */
        public boolean plain() {
            return then == null;
        }

        public void open(Page page, AppInstance app) {
            page.navigate(app.url(path));
            if (then != null) {
                then.accept(page);
            }
            page.locator(ready).first().waitFor();
            page.waitForLoadState();
        }
    }

    /** A small installation: a few sandbox accounts, pictures, a campaign, a proxy and finished tasks. */
    public static PageTour seed(AppInstance app, PublishingFixture fixture) {
        SignedIn.as("tour-setup", "ADMIN");
        try {
            var accounts = fixture.accounts(3, "tour");
            List<Long> media = fixture.images(3);
            long campaign = app.bean(Campaigns.class).launch(new CampaignSpec("Autumn launch",
                    accounts.stream().map(PublishingFixture.Connected::id).toList(), null, media.subList(0, 2),
                    new CaptionStrategy.Template("{media.title} by @{account.username}"), List.of(),
                    new Assignment.EveryAccountEveryMedia(), new Schedule(null, Duration.ofMinutes(30), null, null, 10),
                    new PostOptions(PostType.IMAGE, false, null, 0)), "tour-setup");
            long proxy = app.bean(Proxies.class).add(new ProxyDraft("eu-frankfurt-1", "http", "proxy.example.net",
                    "8080", "", "", "eu-west", "residential", true));
            DSLContext db = app.bean(DSLContext.class);
            TaskFixtures.fill(db, 500, 0);
            long task = db.select(max(TASK.ID)).from(TASK).where(TASK.STATE.eq("failed")).fetchSingle().value1();
            String viewer = Operators.create(app, "VIEWER");
            return new PageTour(accounts.getFirst().id(), media.getFirst(), media.get(2), campaign, proxy, task, viewer);
        } finally {
            SignedIn.out();
        }
    }

    public List<Stop> stops() {
        List<Stop> stops = new ArrayList<>();
        stops.add(new Stop("overview", "/"));
        stops.add(new Stop("tasks", "/tasks"));
        stops.add(new Stop("tasks-filtered", "/tasks?state=failed"));
        stops.add(new Stop("task", "/tasks/" + task));
        stops.add(new Stop("queues", "/queues"));
        stops.add(new Stop("instances", "/instances"));
        stops.add(new Stop("accounts", "/accounts"));
        stops.add(new Stop("accounts-filtered", "/accounts?status=active&tag=tour"));
        stops.add(new Stop("account", "/accounts/" + account));
        stops.add(new Stop("account-reconnect", "/accounts/" + account + "/reconnect"));
        stops.add(new Stop("accounts-connect", "/accounts/connect"));
        stops.add(new Stop("accounts-import", "/accounts/import"));
        stops.add(new Stop("media", "/media"));
        stops.add(new Stop("media-filtered", "/media?status=READY&type=IMAGE"));
        stops.add(new Stop("media-item", "/media/" + media));
        stops.add(new Stop("campaigns", "/campaigns"));
        stops.add(new Stop("campaign", "/campaigns/" + campaign));
        stops.add(new Stop("campaign-new", "/campaigns/new"));
        stops.add(new Stop("calendar-month", "/calendar"));
        stops.add(new Stop("calendar-week", "/calendar?view=week&state=scheduled"));
        stops.add(new Stop("calendar-day", "/calendar?view=day"));
        stops.add(new Stop("audit", "/audit"));
        stops.add(new Stop("notifications", "/notifications"));
        stops.add(new Stop("campaign-form-mistakes", "/campaigns/new", page -> page.locator("#preview-button").click(),
                ".form-summary"));
        stops.add(new Stop("campaign-preview", "/campaigns/new", page -> {
            page.locator("#name").fill("Winter sale");
            page.locator("#postType").selectOption("IMAGE");
            page.locator("#account-choices input[type=checkbox]").first().check();
            page.locator("#media-choices input[type=checkbox]").first().check();
            page.locator("#preview-button").click();
        }, "#plan"));
        stops.add(new Stop("campaign-results", "/campaigns/" + campaign + "/results"));
        stops.add(new Stop("account-insights", "/accounts/" + account + "/insights"));
        stops.add(new Stop("reports", "/reports?tag=tour"));
        stops.add(new Stop("locations", "/locations"));
        stops.add(new Stop("proxies", "/proxies"));
        stops.add(new Stop("proxy", "/proxies/" + proxy));
        stops.add(new Stop("proxy-new", "/proxies/new"));
        stops.add(new Stop("proxy-new-mistakes", "/proxies/new",
                page -> page.locator("#proxy-form button[type=submit]").click(), ".form-summary"));
        stops.add(new Stop("account-settings-mistakes", "/accounts/" + account, page -> {
            page.locator("#timeZone").fill("Mars/Olympus");
            page.locator("#account-settings button[type=submit]").click();
        }, ".form-summary"));
        stops.add(new Stop("confirm-delete-media", "/media/" + spareMedia,
                page -> page.locator("#media-delete button").click(), "#confirm"));
        stops.add(new Stop("proxy-edit", "/proxies/" + proxy + "/edit"));
        stops.add(new Stop("proxies-import", "/proxies/import"));
        stops.add(new Stop("operators", "/operators"));
        stops.add(new Stop("me", "/account"));
        stops.add(new Stop("sandbox", "/sandbox"));
        stops.add(new Stop("sandbox-tiktok", "/sandbox/admin/tiktok"));
        stops.add(new Stop("not-found", "/no-such-page"));
        return stops;
    }
}
