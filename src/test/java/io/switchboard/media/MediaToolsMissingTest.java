package io.switchboard.media;

import com.microsoft.playwright.Page;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;
import testsupport.SignedIn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * An instance whose ffmpeg cannot run, as the bundled one on a machine without the desktop libraries it links
 * (the stand-in fails the way the dynamic loader does): readiness says so, the Media page shows one banner
 * naming the missing library and the command that installs it, and uploads wait instead of being rejected.
 */
class MediaToolsMissingTest {
    private static Path dir;
    private static AppInstance app;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("tools-missing");
        Path ffmpeg = dir.resolve("ffmpeg");
        Files.writeString(ffmpeg, """
                #!/bin/bash
                echo "$0: error while loading shared libraries: libpulse.so.0: cannot open shared object file: \
                No such file or directory" >&2
                exit 127
                """);
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwx------"));
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.media.tools.ffmpeg-path=" + ffmpeg);
        browser = new Browser();
        SignedIn.as("test", "OPERATOR");
    }

    @AfterAll
    static void stop() {
        SignedIn.out();
        browser.close();
        app.close();
    }

    @Test
    void readiness_and_the_media_page_name_the_missing_library_and_uploads_wait(@TempDir Path clips) throws Exception {
        var readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url("/actuator/health/readiness")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("DOWN");

        MediaLibrary library = app.bean(MediaLibrary.class);
        MediaItem item;
        try (InputStream in = Files.newInputStream(Clips.image(clips, "waits.jpg", 1080, 1080))) {
            item = ((UploadResult.Stored) library.upload("waits.jpg", in, "test")).item();
        }
        Tasks tasks = app.bean(Tasks.class);
        long task = library.detail(item.id()).orElseThrow().prepareTaskId();
        eventually(Duration.ofSeconds(60), () -> assertThat(tasks.detail(task).orElseThrow().task().state())
                .isEqualTo(TaskState.SCHEDULED));
        assertThat(tasks.detail(task).orElseThrow().task().attempt()).as("waiting uses no attempt").isZero();
        assertThat(library.find(item.id()).orElseThrow().status()).as("not rejected").isNotEqualTo(MediaStatus.REJECTED);

        Page page = browser.newPage();
        page.setViewportSize(1440, 900);
        page.setDefaultTimeout(90_000);
        Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(app.url("/media"));
        var banner = page.locator("#media-tools-problem");
        assertThat(banner).hasCount(1);
        assertThat(banner).containsText("the system library libpulse.so.0 is missing");
        assertThat(banner.locator("code")).containsText("apt-get install --no-install-recommends");
        assertThat(banner.locator("code")).containsText("libpulse0");
        Browser.screenshot(page, "media-tools-missing-1440");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "media-tools-missing-390");
        assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone").isLessThanOrEqualTo(390);
    }
}
