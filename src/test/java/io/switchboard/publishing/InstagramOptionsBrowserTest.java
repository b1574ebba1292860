package io.switchboard.publishing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.time.Duration;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The campaign form's Instagram options in a real Chromium: campaign-wide values, a per-account override, a mistake
 * answered beside its field with the typed values kept, the preview showing each post's options, and the launched
 * post with its first comment on the sandbox's post page. Screenshots at 1440 and 390 px.
 */
class InstagramOptionsBrowserTest {
    private static Browser browser;
    private static AppInstance app;
    private static String operator;
    private static List<PublishingFixture.Connected> accounts;
    private static List<Long> media;
    private static String friend;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        browser = new Browser();
        operator = Operators.create(app, "OPERATOR");
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(1), 50);
        SignedIn.as("browser-setup", "OPERATOR");
        try {
            var fixture = new PublishingFixture(app);
            accounts = fixture.accounts(2, "igoptionsweb");
            media = fixture.images(1);
            friend = SandboxControl.username(app, SandboxControl.account(app, "friend").platformUserId());
        } finally {
            SignedIn.out();
        }
    }

    @AfterAll
    static void stop() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(3), 50);
        browser.close();
    }

    @Test
    void without_script_the_closed_overrides_are_in_the_form_and_a_typed_override_survives_a_mistake() {
        Page page = imageCampaignForm(browser.newPageWithoutScript(), "Options without script");
        page.locator("details.overrides summary").click();
        var row = page.locator("details.overrides tr[data-account='" + accounts.get(0).id() + "']");
        row.locator("input[name$='.caption']").fill("Typed without script");
        row.locator("input[name$='.locationId']").fill("not digits");
        page.locator("#preview-button").click();
        page.waitForLoadState();

        var sentBack = page.locator("details.overrides[open] tr[data-account='" + accounts.get(0).id() + "']");
        assertThat(sentBack.locator(".error-text")).containsText("digits only");
        assertThat(sentBack.locator("input[name$='.caption']")).hasValue("Typed without script");
        assertThat(sentBack.locator("input[name$='.locationId']")).hasValue("not digits");
        page.context().close();
    }

    @Test
    void an_operator_sets_instagram_options_with_a_per_account_override_and_sees_them_in_the_preview() {
        Page page = imageCampaignForm(browser.newPage(), "Options in the browser");
        page.locator("input[name=captionMode][value=template]").check();
        page.locator("#template").fill("{media.title} for @{account.username}");
        page.locator("#spacingMinutes").fill("0");

        page.locator("#ig-firstComment").fill("More in the link in bio");
        page.locator("#ig-collaborators").fill("@" + friend);
        page.locator("#ig-locationName").fill("Lisbon");
        page.locator("#ig-locationId").fill("110123456789");
        page.locator("#ig-userTags").fill("@" + friend + " 0.5 0.3");
        page.locator("#ig-altText").fill("A street in the old town");
        // closed, the overrides hold no input (a thousand of them for 200 accounts): their rows come when it opens
        assertThat(page.locator("details.overrides input")).hasCount(0);
        page.locator("details.overrides summary").click();
        assertThat(page.locator("details.overrides tr[data-account='" + accounts.get(1).id() + "'] input")).hasCount(5);
        var regional = page.locator("tr[data-account='" + accounts.get(1).id() + "']");
        regional.locator("input[name$='.locationName']").fill("Porto");
        regional.locator("input[name$='.locationId']").fill("Porto please");
        regional.locator("input[name$='.caption']").fill("Hello from the north, @{account.username}");
        page.setViewportSize(1440, 900);
        Browser.screenshot(page, "campaign-form-instagram-options-1440");
        page.locator("#preview-button").click();

        // the mistake is answered beside its field, and nothing typed is lost
        page.waitForLoadState();
        Browser.screenshot(page, "campaign-form-instagram-options-error-1440");
        var idField = page.locator("tr[data-account='" + accounts.get(1).id() + "'] input[name$='.locationId']");
        assertThat(page.locator(".alert.error").first()).containsText("per-account override");
        assertThat(page.locator("tr[data-account='" + accounts.get(1).id() + "'] .error-text")).containsText("digits only");
        assertThat(idField).hasValue("Porto please");
        assertThat(page.locator("#ig-firstComment")).hasValue("More in the link in bio");
        assertThat(page.locator("details.overrides[open]")).isVisible();
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "campaign-form-instagram-options-error-390");
        page.setViewportSize(1440, 900);

        idField.fill("220987654321");
        page.locator("#preview-button").click();
        assertThat(page.locator(".page-title")).hasText("Preview: Options in the browser");
        assertThat(page.locator("#plan tbody tr")).hasCount(2);
        var northRow = page.locator("#plan tbody tr", new Page.LocatorOptions().setHasText("Hello from the north"));
        assertThat(northRow).containsText("Porto");
        assertThat(northRow).containsText("@" + friend + " (0.5, 0.3)");
        var otherRow = page.locator("#plan tbody tr", new Page.LocatorOptions().setHasNotText("Hello from the north"));
        assertThat(otherRow).containsText("Lisbon");
        assertThat(otherRow).containsText("More in the link in bio");
        Browser.screenshot(page, "campaign-preview-instagram-options-1440");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "campaign-preview-instagram-options-390");
        page.setViewportSize(1440, 900);

        page.onceDialog(dialog -> dialog.accept());
        page.locator("#launch-button").click();
        assertThat(page.locator("#campaign-status")).isVisible();
        assertThat(page.locator("#posts [data-comment=posted]")).hasCount(2,
                new LocatorAssertions.HasCountOptions().setTimeout(90_000));
        Browser.screenshot(page, "campaign-first-comments-1440");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "campaign-first-comments-390");
        page.setViewportSize(1440, 900);

        String permalink = page.locator("#posts a.permalink").first().getAttribute("href");
        page.navigate(permalink);
        assertThat(page.locator("#comments")).containsText("More in the link in bio");
        assertThat(page.locator("#post-options")).containsText("@" + friend);
        assertThat(page.locator("#post-options")).containsText("A street in the old town");
        Browser.screenshot(page, "sandbox-post-options-1440");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "sandbox-post-options-390");
    }

    /** The new campaign form, signed in as the operator: an image campaign of every account and media item. */
    private static Page imageCampaignForm(Page page, String name) {
        Browser.signIn(page, app, operator, Operators.PASSWORD);
        page.navigate(app.url("/campaigns/new"));
        page.locator("#name").fill(name);
        page.locator("#postType").selectOption("IMAGE");
        accounts.forEach(a -> page.locator("#account-choices input[value='" + a.id() + "']").check());
        media.forEach(m -> page.locator("#media-choices input[value='" + m + "']").check());
        return page;
    }
}
