package io.switchboard.deploy;

import io.switchboard.infrastructure.SecretBox;
import io.switchboard.media.MediaLibrary;
import io.switchboard.publishing.CampaignStatus;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.PostgresClient;
import testsupport.SignedIn;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.ACCOUNT;
import static switchboard.jooq.Tables.CAMPAIGN;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static switchboard.jooq.Tables.MEDIA_ITEM;
import static testsupport.TaskWaits.eventually;

/**
 * The backup procedure of docs/operations.md on a running installation and its restore into a fresh database: pg_dump 17 of the
 * database while the instance runs, the media folder copied with its own tool, the same two keys; the app
 * started on the restored copy has the campaigns, posts, accounts (tokens open) and media, and publishes nothing
 * again.
 */
class BackupRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void a_dump_of_a_running_installation_restores_into_a_fresh_database_with_everything_and_publishes_nothing_again(
            @TempDir Path dir) throws Exception {
        PostgresClient client = PostgresClient.find();
        String liveUrl = TestPostgres.freshDatabase();
        Path liveMedia = dir.resolve("media");
        Path restoredMedia = dir.resolve("restored-media");
        Path dump = dir.resolve("switchboard.dump");
        SignedIn.as("backup-test", "ADMIN");

        Map<String, Object> before;
        List<PublishingFixture.Connected> accounts;
        String mediaSha;
        try (AppInstance live = AppInstance.start(liveUrl, "switchboard.media.local-dir=" + liveMedia)) {
            PublishingFixture fixture = new PublishingFixture(live);
            accounts = fixture.accounts(2, "backup");
            List<Long> media = fixture.images(2);
            long campaign = live.bean(Campaigns.class).launch(
                    PublishingFixture.imageCampaign("Backed up", accounts, media), "backup-test");
            eventually(WAIT, () -> assertThat(live.bean(Campaigns.class).find(campaign).orElseThrow().status())
                    .isEqualTo(CampaignStatus.FINISHED));
            mediaSha = fetchedSha(live, media.getFirst());

            client.dump(TestPostgres.server().getPort(), databaseOf(liveUrl), dump);
            copy(liveMedia, restoredMedia);
            before = facts(live);
        }

        String freshUrl = TestPostgres.freshDatabase();
        client.restore(dump, TestPostgres.server().getPort(), databaseOf(freshUrl));
        try (AppInstance restored = AppInstance.start(freshUrl, "switchboard.media.local-dir=" + restoredMedia)) {
            assertThat(facts(restored)).isEqualTo(before);
            SecretBox box = restored.bean(SecretBox.class);
            assertThat(restored.bean(DSLContext.class).select(ACCOUNT.TOKEN_KEY_ID, ACCOUNT.TOKEN_CIPHERTEXT).from(ACCOUNT)
                    .fetch(r -> box.open("account-token", new SecretBox.Sealed(r.value1(), r.value2()))))
                    .hasSize(2).allSatisfy(token -> assertThat(token).isNotBlank());
            long mediaId = restored.bean(DSLContext.class).select(MEDIA_ITEM.ID).from(MEDIA_ITEM).orderBy(MEDIA_ITEM.ID).limit(1)
                    .fetchSingle(MEDIA_ITEM.ID);
            assertThat(fetchedSha(restored, mediaId)).as("the media bytes, through a signed URL").isEqualTo(mediaSha);

            Thread.sleep(5_000); // the engine has claimed anything left to do by now
            assertThat(facts(restored)).as("nothing changed after a while").isEqualTo(before);
            for (PublishingFixture.Connected account : accounts) {
                assertThat(SandboxControl.publishes(restored, account.platformUserId()))
                        .as("published once, before the backup, never again").isEqualTo(2);
            }
        }
    }

    /** What must survive: counts, every campaign's status, every post's status and platform media id. */
    private static Map<String, Object> facts(AppInstance app) {
        DSLContext db = app.bean(DSLContext.class);
        return Map.of(
                "accounts", db.fetchCount(ACCOUNT),
                "media", db.fetchCount(MEDIA_ITEM),
                "campaigns", db.select(CAMPAIGN.NAME, CAMPAIGN.STATUS).from(CAMPAIGN).orderBy(CAMPAIGN.ID)
                        .fetch(r -> r.value1() + "=" + r.value2()),
                "posts", db.select(CAMPAIGN_POST.ID, CAMPAIGN_POST.STATUS, CAMPAIGN_POST.PLATFORM_MEDIA_ID).from(CAMPAIGN_POST)
                        .orderBy(CAMPAIGN_POST.ID).fetch().stream()
                        .map(r -> r.value1() + ":" + r.value2() + ":" + r.value3()).collect(Collectors.joining(",")));
    }

    private static String fetchedSha(AppInstance app, long mediaId) throws Exception {
        var url = app.bean(MediaLibrary.class).signedUrl(mediaId, Duration.ofMinutes(5));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()));
    }

    private static String databaseOf(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    /** The media store's own tool: for a folder, a copy that keeps everything as it is. */
    private static void copy(Path from, Path to) throws Exception {
        Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        assertThat(cp.waitFor()).isZero();
    }
}
