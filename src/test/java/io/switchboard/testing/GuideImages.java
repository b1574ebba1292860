package io.switchboard.testing;

import com.microsoft.playwright.Page;

import java.nio.file.Path;
import java.util.Set;

/**
 * The screenshots the user guide shows (docs/user-guide/images), written by the browser tests that already take
 * them when run with {@code -Ddocs.screenshots=true}: so the guide's images are of the current pages. Each is the
 * whole page at 1440 px wide.
 */
public final class GuideImages {
    public static final String PROPERTY = "docs.screenshots";
    public static final Path FOLDER = Path.of("docs", "user-guide", "images");
    /** Screenshot names (as the tests give them) the guide uses; the test that takes each is named beside it. */
    public static final Set<String> USED = Set.of(
            "overview",             // SignInBrowserTest
            "tasks-succeeded",      // OperationsPagesBrowserTest
            "accounts-connect",     // AccountsBrowserTest
            "sandbox-settings",     // AccountsBrowserTest
            "media-empty",          // MediaBrowserTest
            "proxies-import-preview", // ProxiesBrowserTest
            "campaign-preview",     // CampaignsBrowserTest
            "operators-as-admin");  // SignInBrowserTest

    private GuideImages() {
    }

    /** Writes {@code name}'s image for the guide too, when asked to and the guide shows it. */
    static void maybeWrite(Page page, String name) {
        if (!Boolean.getBoolean(PROPERTY) || !USED.contains(name)) {
            return;
        }
        var before = page.viewportSize();
        page.setViewportSize(1440, 900);
        page.evaluate("window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(FOLDER.resolve(name + ".png")).setFullPage(true));
        page.setViewportSize(before.width, before.height);
    }
}
