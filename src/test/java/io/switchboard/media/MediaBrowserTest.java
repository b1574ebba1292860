package io.switchboard.media;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator uploads several files at once in Chromium (chosen and dropped), watches each card update itself
 * until ready or rejected, and reads a converted clip's spec report. Screenshots in target/screenshots/.
 */
class MediaBrowserTest {
    /** Preparing a clip (a transcode) takes a while on a busy machine. */
    private static final com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions PREPARED =
            new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(90_000);
    private static final com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions FOLLOWED =
            new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(60_000);
    private static AppInstance app;
    private static Browser browser;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void uploads_several_files_and_watches_them_become_ready_or_rejected() throws Exception {
        Page page = browser.newPage();
        page.setDefaultTimeout(90_000);
        Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(app.url("/media"));
        Browser.screenshot(page, "media-empty");

        Path legacy = Clips.legacy(dir, "beach-4x3.avi", 6);
        List<Path> files = List.of(legacy, Clips.compliant(dir, "launch-teaser.mp4", 5),
                Clips.compliant(dir, "too-short.mp4", 2),
                Files.writeString(dir.resolve("meeting-notes.mp4"), "minutes, not a video"));
        page.locator("#upload-files").setInputFiles(files.toArray(Path[]::new));
        drop(page, Clips.image(dir, "poster.png", 1600, 1200));

        Locator rows = page.locator("#upload-list .upload-row");
        assertThat(rows).hasCount(5);
        // a text file named .mp4 is refused at once, naming why; nothing of it is stored
        assertThat(page.locator("#upload-list .upload-row.upload-refused")).containsText(
                "meeting-notes.mp4 does not start the way MP4/MOV files do");
        assertThat(page.locator("#upload-list .upload-row[data-media]")).hasCount(4, FOLLOWED);
        Browser.screenshot(page, "media-uploading");
        Locator cards = page.locator("#media-grid .media-card");
        assertThat(cards).hasCount(4);

        for (String title : List.of("beach-4x3", "launch-teaser", "poster")) {
            assertThat(card(page, title)).hasAttribute("data-status", "READY", PREPARED);
        }
        assertThat(card(page, "too-short")).hasAttribute("data-status", "REJECTED", PREPARED);
        assertThat(card(page, "too-short").locator(".media-rejection")).hasText("Duration 2.0 s: needs 3 s to 15 min");
        assertThat(card(page, "beach-4x3").locator(".media-thumb img")).isVisible();
        page.waitForFunction("() => Array.from(document.querySelectorAll('.media-thumb img')).every(i => i.complete && i.naturalWidth > 0)");
        Browser.screenshot(page, "media-ready");
        // each upload's row followed its item to the end, like its card (it used to stop at "uploaded")
        assertThat(page.locator("#upload-list .upload-row[data-status=ready]")).hasCount(3, FOLLOWED);
        assertThat(page.locator("#upload-list .upload-row[data-status=rejected]")).hasCount(1, FOLLOWED);
        assertThat(page.locator("#upload-list .upload-row").filter(new Locator.FilterOptions().setHasText("too-short.mp4")))
                .containsText("rejected: Duration 2.0 s: needs 3 s to 15 min");
        assertThat(page.locator("#upload-list .upload-row").filter(new Locator.FilterOptions().setHasText("poster.png")))
                .containsText("ready to publish");
        assertThat(card(page, "poster").locator(".media-meta")).containsText(java.util.regex.Pattern.compile("\\d+(\\.\\d)? (KB|MB)"));
        io.switchboard.testing.Screens.both(page, "truth-media");

        page.locator("#upload-files").setInputFiles(legacy);
        assertThat(page.locator("#upload-list .upload-duplicate")).hasText(java.util.regex.Pattern.compile("already in the library"));

        card(page, "beach-4x3").locator(".media-title").click();
        assertThat(page.locator("#media-status")).hasText("ready");
        // out of spec but fixed by the conversion: told apart from a failure, not red like one
        assertThat(page.locator("#spec-report tr.rule-fix[data-rule='Video codec']")).isVisible();
        assertThat(page.locator("#spec-report tr.rule-fix[data-rule='Video codec'] td").last()).hasText("fixed by conversion");
        assertThat(page.locator("#spec-report tr.rule-fail")).hasCount(0);
        assertThat(page.locator("#rendition-report tr.rule-fail")).hasCount(0);
        // publishable, cover, thumbnail and the 96 px icon that small pictures (calendar, lists) draw
        assertThat(page.locator("#renditions tbody tr")).hasCount(4);
        assertThat(page.locator("#renditions tbody tr a").getByText("icon", new Locator.GetByTextOptions().setExact(true)))
                .isVisible();
        page.locator("video").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        page.waitForFunction("() => document.querySelector('video').readyState >= 1");
        Browser.screenshot(page, "media-detail");
        io.switchboard.testing.Screens.both(page, "truth-media-detail");

        // a whole number of seconds reads as people write it, never as 5E+1
        page.locator("#media-cover-offset").fill("50");
        page.locator("#media-description button[type=submit]").click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS).first()).containsText("Saved");
        assertThat(page.locator("#media-cover-offset")).hasValue("50");
    }

    private static Locator card(Page page, String title) {
        return page.locator("#media-grid .media-card").filter(new Locator.FilterOptions()
                .setHas(page.getByText(title, new Page.GetByTextOptions().setExact(true))));
    }

    /** Drops a file on the upload area the way a file manager does: a drop event carrying it. */
    private static void drop(Page page, Path file) throws Exception {
        String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        page.evaluate("([name, data]) => {"
                + "const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));"
                + "const transfer = new DataTransfer();"
                + "transfer.items.add(new File([bytes], name, {type: 'image/png'}));"
                + "const zone = document.getElementById('upload-form');"
                + "zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));"
                + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));"
                + "}", List.of(file.getFileName().toString(), base64));
    }
}
