package io.switchboard.media;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The media library: uploads, queries, signed fetch URLs for the platform, descriptions, deletion, and the usage
 * registry that keeps scheduled media from being deleted. Lists are newest first and paged by id (keyset).
 */
@Service
public class MediaLibrary {
    private static final Logger log = LoggerFactory.getLogger(MediaLibrary.class);
    public static final int MAX_PAGE = 500;
    /** Changing the library is for operators and admins, checked here as well as by the pages' URL rules. */
    private static final String OPERATOR_COMMAND = "hasAnyRole('ADMIN', 'OPERATOR')";
    private final Uploads uploads;
    private final MediaCommands commands;
    private final MediaItems items;
    private final MediaRenditions renditions;
    private final ItemViews views;
    private final UrlSigner signer;
    private final MediaStorage storage;
    private final MediaSettings settings;
    private final MediaJson json;
    private final MediaToolCheck toolCheck;
    private final AuditTrail audit;

    MediaLibrary(Uploads uploads, MediaCommands commands, MediaItems items, MediaRenditions renditions,
                 ItemViews views, UrlSigner signer, MediaStorage storage, MediaSettings settings, MediaJson json,
                 MediaToolCheck toolCheck, AuditTrail audit) {
        this.audit = audit;
        this.toolCheck = toolCheck;
        this.uploads = uploads;
        this.commands = commands;
        this.items = items;
        this.renditions = renditions;
        this.views = views;
        this.signer = signer;
        this.storage = storage;
        this.settings = settings;
        this.json = json;
    }

    /**
     * Streams a file into storage (never whole in memory) and queues its preparation. The same bytes uploaded
     * before give the existing item instead; a file type or size outside the limits is refused with the reason.
     *
     * @param fileName   as the operator named it; its extension decides whether the type is accepted
     * @param uploadedBy who uploaded it (an operator's username)
     * @throws IOException when reading the upload or writing storage fails
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public UploadResult upload(String fileName, InputStream content, String uploadedBy) throws IOException {
        return uploads.upload(fileName, content, uploadedBy);
    }

    /** The largest upload accepted, in bytes. */
    public long maxUploadBytes() {
        return settings.maxUploadSize().toBytes();
    }

    @Transactional(readOnly = true)
    public Optional<MediaItem> find(long mediaId) {
        return items.byId(mediaId).map(views::of);
    }

    /** The items with these ids that exist, in any status, newest first. */
    @Transactional(readOnly = true)
    public List<MediaItem> findAll(Collection<Long> mediaIds) {
        return mediaIds.isEmpty() ? List.of() : views.of(items.byIds(mediaIds, false));
    }

    /** The READY items among these ids, newest first; ids that are missing or not ready are left out. */
    @Transactional(readOnly = true)
    public List<MediaItem> readyByIds(Collection<Long> mediaIds) {
        return mediaIds.isEmpty() ? List.of()
                : views.of(items.byIds(mediaIds, true));
    }

    /**
     * READY items having any of the tags, newest first, at most {@code limit} (1..500) with ids below
     * {@code before} (null: from the newest). Pass the last id of a page as {@code before} for the next.
     */
    @Transactional(readOnly = true)
    public List<MediaItem> readyByTags(Collection<String> tags, @Nullable Long before, int limit) {
        return tags.isEmpty() ? List.of() : views.of(items.readyWithAnyTag(tags, before, bounded(limit)));
    }

    /** A page of the library for its pages: {@code limit} (1..500) items with ids below {@code before}. */
    @Transactional(readOnly = true)
    public MediaPage list(MediaFilter filter, @Nullable Long before, int limit) {
        List<MediaItem> page = views.of(items.page(filter, before, bounded(limit) + 1));
        boolean more = page.size() > bounded(limit);
        List<MediaItem> shown = more ? page.subList(0, bounded(limit)) : page;
        return new MediaPage(List.copyOf(shown), more ? shown.getLast().id() : null);
    }

    /** Every tag in use, sorted. */
    public List<String> tags() {
        return items.allTags();
    }

    @Transactional(readOnly = true)
    public Optional<MediaDetail> detail(long mediaId) {
        return items.byId(mediaId).map(item -> new MediaDetail(views.of(item), json.facts(item.factsJson()),
                json.report(item.reportJson()), renditions.of(mediaId).stream().map(StoredRendition::rendition)
                .toList(), item.prepareTaskId()));
    }

    /**
     * A URL the platform fetches the publishable file from, valid for {@code ttl}: under the public base URL,
     * signed with the instances' shared key (or presigned by S3 when so configured).
     *
     * @throws MediaProblem when the item does not exist or is not READY
     */
    public URI signedUrl(long mediaId, Duration ttl) {
        return signed(mediaId, RenditionKind.PUBLISHABLE, ttl);
    }

    /** Like {@link #signedUrl} for the cover JPEG (for an image, the image itself). */
    public URI signedCoverUrl(long mediaId, Duration ttl) {
        return signed(mediaId, RenditionKind.COVER, ttl);
    }

    /** Where this library's fetch URLs start: the public base URL and the signed files' path. */
    public String fetchUrlBase() {
        return signer.baseUrl() + UrlSigner.PATH;
    }

    /**
     * Whether the URL is one of the fetch URLs this library hands out: under {@link #fetchUrlBase()} or, with
     * presigned S3 URLs, under the bucket's. Only its place is judged, not its signature or expiry.
     */
    public boolean isOwnFetchUrl(URI url) {
        if (under(url, URI.create(fetchUrlBase()))) {
            return true;
        }
        return settings.s3().presign() && settings.storage() == MediaSettings.StorageKind.S3
                && storage.presignedUrl("media/", Duration.ofMinutes(1)).map(bucket -> under(url, bucket)).orElse(false);
    }

    private static boolean under(URI url, URI base) {
        URI normal = url.normalize();
        return normal.getUserInfo() == null && normal.getScheme() != null
                && normal.getScheme().equalsIgnoreCase(base.getScheme())
                && normal.getHost() != null && normal.getHost().equalsIgnoreCase(base.getHost())
                && normal.getPort() == base.getPort()
                && normal.getRawPath() != null && normal.getRawPath().startsWith(base.getRawPath());
    }

    /**
     * {@link #pagePath} of each of {@code mediaIds} that has a {@code kind} rendition (one query for all); media
     * without one (rejected, still preparing, deleted) are left out, so a page shows no broken picture for them.
     * For {@link RenditionKind#ICON}, media with a thumbnail count: their icon is made on its first request.
     */
    public Map<Long, String> pagePaths(Collection<Long> mediaIds, RenditionKind kind) {
        if (mediaIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> paths = new java.util.HashMap<>();
        // an item prepared before icons existed has its icon made from its thumbnail when first asked for
        var made = kind == RenditionKind.ICON ? List.of(RenditionKind.ICON, RenditionKind.THUMBNAIL) : List.of(kind);
        renditions.withAnyOf(mediaIds, made).forEach(id -> paths.put(id, pagePath(id, kind)));
        return paths;
    }

    /**
     * The stored thumbnail JPEG of each of {@code mediaIds} (at most {@value #MAX_PAGE}) whose thumbnail is at most
     * {@code maxBytes}: for documents that carry pictures inside them (a PDF), where a signed path cannot be fetched.
     * Media without a thumbnail, with a larger one, or whose bytes cannot be read are left out.
     */
    @Transactional(readOnly = true)
    public Map<Long, byte[]> thumbnails(Collection<Long> mediaIds, int maxBytes) {
        if (mediaIds.size() > MAX_PAGE) {
            throw new IllegalArgumentException("at most " + MAX_PAGE + " media at a time, not " + mediaIds.size());
        }
        Map<Long, byte[]> bytes = new java.util.HashMap<>();
        for (StoredRendition r : mediaIds.isEmpty() ? List.<StoredRendition>of()
                : renditions.ofKind(mediaIds, RenditionKind.THUMBNAIL)) {
            if (r.rendition().sizeBytes() > maxBytes) {
                continue;
            }
            try (InputStream in = storage.read(r.storageKey(), 0, r.rendition().sizeBytes())) {
                byte[] read = in.readNBytes(maxBytes + 1);
                if (read.length <= maxBytes) {
                    bytes.put(r.mediaId(), read);
                }
            } catch (IOException e) {
                log.warn("Thumbnail of media {} could not be read: {}", r.mediaId(), e.toString());
            }
        }
        return bytes;
    }

    /**
     * A same-origin signed path for showing a rendition in the pages ({@code /media/files/…}); it stays the same
     * for an hour, so browsers cache it, and is valid at least an hour.
     */
    public String pagePath(long mediaId, RenditionKind kind) {
        String extension = kind == RenditionKind.PUBLISHABLE ? renditions.find(mediaId, kind)
                .map(r -> MediaFormats.extension(r.storageKey())).orElse("mp4") : "jpg";
        Instant expires = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS);
        return signer.path(mediaId, kind, extension, expires);
    }

    private URI signed(long mediaId, RenditionKind kind, Duration ttl) {
        StoredItem item = items.byId(mediaId).orElseThrow(() -> MediaCommands.notFound(mediaId));
        if (item.status() != MediaStatus.READY) {
            throw new MediaProblem("Media " + mediaId + " (“" + item.title() + "”) is " + item.status()
                    + ", not READY: it has no publishable file yet.");
        }
        StoredRendition rendition = renditions.find(mediaId, kind).orElseThrow(() -> new MediaProblem(
                "Media " + mediaId + " has no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " file."));
        if (settings.storage() == MediaSettings.StorageKind.S3 && settings.s3().presign()) {
            var presigned = storage.presignedUrl(rendition.storageKey(), ttl);
            if (presigned.isPresent()) {
                return presigned.get();
            }
        }
        return signer.url(mediaId, kind, MediaFormats.extension(rendition.storageKey()), ttl);
    }

    /**
     * Records that {@code holder} ("campaign:42") scheduled the item: it cannot be deleted until every holder
     * released it. Holding twice is holding once.
     *
     * @throws MediaProblem when the item does not exist or is not READY
     */
    public void markScheduled(long mediaId, String holder) {
        commands.hold(mediaId, holder);
    }

    /** Why ffmpeg or ffprobe cannot run on this instance, if they cannot (checked once, at start). */
    public Optional<ToolProblem> toolProblem() {
        return toolCheck.problem();
    }

    /** Releases everything {@code holder} held; returns how many items it held. */
    public int releaseSchedule(String holder) {
        return commands.release(holder);
    }

    /** @throws MediaProblem naming the field when the description is invalid, or when the item does not exist */
    @PreAuthorize(OPERATOR_COMMAND)
    public void describe(long mediaId, MediaDescription description) {
        commands.describe(mediaId, description);
    }

    /** Prepares the item again (after a rejection or a stop). */
    @PreAuthorize(OPERATOR_COMMAND)
    public void prepareAgain(long mediaId) {
        commands.prepareAgain(mediaId);
    }

    /**
     * Deletes the item and its files.
     *
     * @throws MediaProblem when a holder still has it scheduled (the message names the holders) or it does not exist
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public void delete(long mediaId) {
        MediaItem before = find(mediaId).orElse(null);
        List<String> files = commands.delete(mediaId);
        if (before != null) {
            audit.record(AuditRecord.of("media.deleted", "media", mediaId).target(before.title())
                    .compare(before, null, "title", "type", "status", "originalName", "tags", "sizeBytes"));
        }
        for (String key : files) {
            try {
                storage.delete(key);
            } catch (IOException e) {
                log.warn("Media {} is deleted but its file {} could not be removed from storage: {}", mediaId, key,
                        e.getMessage());
            }
        }
    }

    private static int bounded(int limit) {
        return Math.clamp(limit, 1, MAX_PAGE);
    }
}
