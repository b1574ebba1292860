package io.switchboard.publishing;

import testsupport.SignedIn;
import io.switchboard.accounts.Accounts;
import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaStatus;
import io.switchboard.media.UploadResult;
import io.switchboard.testing.AppInstance;
import org.jooq.DSLContext;
import testsupport.Clips;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static testsupport.TaskWaits.eventually;

/** Sandbox accounts connected to Switchboard, ready media, and campaigns made of them, for publishing tests. */
public final class PublishingFixture {
    private static final Path DIR = Path.of("target", "publishing-media");
    /** Each picture a different width, so a different file (the library refuses the same bytes twice). */
    private static final AtomicInteger WIDTH = new AtomicInteger(1080);
    private final AppInstance app;

    public PublishingFixture(AppInstance app) {
        this.app = app;
    }

    /**
     * A connected account per Instagram sandbox account, all with the tag; returns (Switchboard id, sandbox user
     * id).
     */
    public List<Connected> accounts(int count, String tag) {
        return accounts(new InstagramSandbox(), count, tag);
    }

    /** A connected account per account made in the platform's sandbox, all with the tag. */
    List<Connected> accounts(SandboxPlatform platform, int count, String tag) {
        List<Connected> connected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connected.add(platform.connect(app, tag));
        }
        return connected;
    }

    public record Connected(long id, String platformUserId) {
    }

    /** Distinct JPEG pictures within the feed's aspect ratios, uploaded and prepared. */
    public List<Long> images(int count) {
        List<Long> ids = new ArrayList<>();
        try {
            Files.createDirectories(DIR);
            for (int i = 0; i < count; i++) {
                Path file = Clips.image(DIR, "pic-" + UUID.randomUUID() + ".jpg", WIDTH.getAndIncrement(), 1080);
                ids.add(upload(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.forEach(this::awaitReady);
        return ids;
    }

    /** Distinct short 9:16 videos within the Reels spec, uploaded and prepared. */
    public List<Long> videos(int count) {
        List<Long> ids = new ArrayList<>();
        try {
            Files.createDirectories(DIR);
            for (int i = 0; i < count; i++) {
                ids.add(upload(Clips.compliant(DIR, "clip-" + UUID.randomUUID() + ".mp4", 3)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.forEach(this::awaitReady);
        return ids;
    }

    public long upload(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            SignedIn.as("publishing-test", "OPERATOR");
            var result = app.bean(MediaLibrary.class).upload(file.getFileName().toString(), in, "publishing-test");
            assertThat(result).isInstanceOf(UploadResult.Stored.class);
            return ((UploadResult.Stored) result).item().id();
        }
    }

    public void awaitReady(long mediaId) {
        MediaLibrary library = app.bean(MediaLibrary.class);
        eventually(Duration.ofSeconds(90), () -> assertThat(library.find(mediaId).orElseThrow().status().settled())
                .isTrue());
        MediaItem item = library.find(mediaId).orElseThrow();
        assertThat(item.status()).as("rejected: %s", item.rejection()).isEqualTo(MediaStatus.READY);
    }

    /** Every account publishes every picture, as soon as possible, a caption unique to each post. */
    public static CampaignSpec imageCampaign(String name, List<Connected> accounts, List<Long> media) {
        return campaign(name, accounts, media, new PostOptions(PostType.IMAGE, false, null, 0),
                new Schedule(null, Duration.ZERO, null, null, 50));
    }

    /** Every account publishes every media (or one carousel of them all), a caption unique to each post. */
    public static CampaignSpec campaign(String name, List<Connected> accounts, List<Long> media, PostOptions options,
                                        Schedule schedule) {
        return new CampaignSpec(name, accounts.stream().map(Connected::id).toList(), null, media,
                new CaptionStrategy.Template(name + " {media.title} for @{account.username} #{n}"), List.of(),
                new Assignment.EveryAccountEveryMedia(), schedule, options);
    }

    /**
     * Copies of the first connected account, active, in UTC, named {@code prefix_00001} on (for campaigns of
     * thousands of accounts, made in one statement); their ids in order.
     */
    public List<Long> copiesOfFirstAccount(int count, String prefix) {
        DSLContext db = app.bean(DSLContext.class);
        db.execute("INSERT INTO account (platform, platform_user_id, username, name, status, status_reason, "
                + "token_ciphertext, token_key_id, token_expires_at, connected_via, time_zone, health_ok, health_message, "
                + "health_at, created_at) SELECT a.platform, '" + prefix + "-' || n, '" + prefix + "_' || lpad(n::text, 5, "
                + "'0'), 'Studio ' || n, 'ACTIVE', '', a.token_ciphertext, a.token_key_id, now() + interval '50 days', "
                + "a.connected_via, 'UTC', true, 'The token is valid.', now(), now() FROM generate_series(1, " + count
                + ") n, (SELECT * FROM account ORDER BY id LIMIT 1) a");
        db.execute("ANALYZE account");
        return db.fetch("SELECT id FROM account WHERE platform_user_id LIKE '" + prefix + "-%' ORDER BY id")
                .getValues(0, Long.class);
    }

    /** Copies of a prepared picture with its renditions, titled {@code Picture 1} on; their ids in order. */
    public List<Long> copiesOf(long picture, int count) {
        DSLContext db = app.bean(DSLContext.class);
        long first = ((Number) db.fetchValue("SELECT coalesce(max(id), 0) FROM media_item")).longValue();
        db.execute("INSERT INTO media_item (type, status, title, original_name, content_type, size_bytes, content_hash, "
                + "original_key, default_caption, cover_offset_ms, facts, report, uploaded_by, created_at) "
                + "SELECT m.type, m.status, 'Picture ' || n, 'picture-' || n || '.jpg', m.content_type, m.size_bytes, "
                + "md5(n::text) || md5('copy' || n || m.id), m.original_key, 'Caption of picture ' || n, "
                + "m.cover_offset_ms, m.facts, m.report, m.uploaded_by, now() FROM generate_series(1, " + count + ") n, "
                + "(SELECT * FROM media_item WHERE id = " + picture + ") m");
        db.execute("INSERT INTO media_rendition (media_id, kind, storage_key, content_type, size_bytes, width, height, "
                + "duration_ms, facts, report) SELECT i.id, r.kind, r.storage_key, r.content_type, r.size_bytes, r.width, "
                + "r.height, r.duration_ms, r.facts, r.report FROM media_item i, media_rendition r "
                + "WHERE r.media_id = " + picture + " AND i.id > " + first);
        db.execute("ANALYZE media_item");
        return db.fetch("SELECT id FROM media_item WHERE id > " + first + " ORDER BY id").getValues(0, Long.class);
    }

    List<CampaignPost> posts(long campaignId) {
        return app.bean(DSLContext.class).selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId))
                .orderBy(CAMPAIGN_POST.NUMBER).fetch(PostRepository::post);
    }
}
