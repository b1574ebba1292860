package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Content Publishing API, emulated: containers (fetched and checked by the sandbox itself, {@link MediaFetches}),
 * their status, publishing with the rolling 24-hour quota, and resumable uploads. Publishes of one account are
 * serialised on its row, so the quota holds and a container is published once even across instances.
 */
@Service
@Conditional(SandboxEnabled.class)
class SandboxPublishing {
    static final Duration QUOTA_WINDOW = Duration.ofHours(24);
    private static final Pattern HASHTAG = Pattern.compile("(^|\\s)#\\w");
    private static final Pattern MENTION = Pattern.compile("(^|\\s)@\\w");
    private final ContainerStore containers;
    private final AccountStore accounts;
    private final BehaviourStore behaviour;
    private final MediaFetches fetches;
    private final MediaIntake intake;

    SandboxPublishing(ContainerStore containers, AccountStore accounts, BehaviourStore behaviour,
                      MediaFetches fetches, MediaIntake intake) {
        this.containers = containers;
        this.accounts = accounts;
        this.behaviour = behaviour;
        this.fetches = fetches;
        this.intake = intake;
    }

    /** The parameters of POST /{ig-user-id}/media, as sent. */
    record CreateParameters(@Nullable String mediaType, @Nullable String imageUrl, @Nullable String videoUrl,
                            @Nullable String caption, boolean carouselItem, @Nullable String children,
                            @Nullable String uploadType, @Nullable Boolean shareToFeed, Map<String, String> options) {
    }

    @Transactional
    Map<String, Object> create(long accountId, CreateParameters p, String uploadBase) {
        checkCaption(p.caption());
        boolean resumable = "resumable".equals(p.uploadType());
        String type = p.mediaType() == null ? "IMAGE" : p.mediaType();
        ContainerStore.NewContainer container = switch (type) {
            case "IMAGE" -> media(accountId, "IMAGE", false, required(p.imageUrl(), "image_url"), p, false);
            case "REELS" -> media(accountId, "REELS", true, resumable ? null : required(p.videoUrl(), "video_url"), p,
                    resumable);
            case "STORIES" -> p.videoUrl() != null || resumable
                    ? media(accountId, "STORIES", true, p.videoUrl(), p, resumable)
                    : media(accountId, "STORIES", false, required(p.imageUrl(), "image_url"), p, false);
            case "VIDEO" -> {
                if (!p.carouselItem()) {
                    throw new GraphFault(100, 2207089, "The media type VIDEO is not supported: feed videos are "
                            + "published as REELS.");
                }
                yield media(accountId, "VIDEO", true, resumable ? null : required(p.videoUrl(), "video_url"), p,
                        resumable);
            }
            case "CAROUSEL" -> carousel(accountId, p);
            default -> throw GraphFault.invalidParameter("media_type must be one of IMAGE, REELS, STORIES, "
                    + "CAROUSEL or VIDEO (carousel items)");
        };
        SandboxContainer created = containers.insert(container, behaviour.settings().processingDelay());
        if (created.mediaUrl() != null) {
            fetch(created.id());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", String.valueOf(created.id()));
        if (resumable) {
            answer.put("uri", uploadBase + "/" + created.id());
        }
        return answer;
    }

    Map<String, Object> status(long accountId, SandboxContainer container) {
        List<SandboxContainer> children = container.children().isEmpty() ? List.of() : containers.byIds(container.children());
        OffsetDateTime now = containers.now();
        fetches.resumeIfStalled(container, now);
        children.forEach(child -> fetches.resumeIfStalled(child, now));
        SandboxContainer.Status status = container.status(children, now);
        return Map.of("status_code", status.code(), "status", status.text(), "id", String.valueOf(container.id()));
    }

    @Transactional
    Map<String, Object> publish(long accountId, String creationId) {
        accounts.lock(accountId);
        SandboxContainer container = containers.lock(parseId(creationId))
                .filter(c -> c.accountId() == accountId).orElseThrow(() -> GraphFault.noSuchObject(creationId));
        if (container.carouselItem()) {
            throw GraphFault.invalidParameter("A carousel item is published through its carousel container.");
        }
        List<SandboxContainer> children = container.children().isEmpty() ? List.of() : containers.byIds(container.children());
        SandboxContainer.Status status = container.status(children, containers.now());
        switch (status.code()) {
            case "PUBLISHED" -> throw GraphFault.invalidParameter("This container was published already; a "
                    + "container is published once. Read its status and media instead of publishing again.");
            case "EXPIRED" -> throw GraphFault.of(FaultCatalog.entry(-2, 2207020));
            case "IN_PROGRESS" -> throw GraphFault.of(FaultCatalog.entry(9007, 2207027));
            case "ERROR" -> throw new GraphFault(status.errorCode() == null ? -1 : status.errorCode(),
                    status.errorSubcode(), String.valueOf(status.errorMessage()));
            default -> {
            }
        }
        if (containers.publishedWithin(accountId, QUOTA_WINDOW).size() >= behaviour.settings().publishQuota()) {
            throw GraphFault.of(FaultCatalog.entry(9, 2207042));
        }
        return Map.of("id", String.valueOf(containers.publish(container)));
    }

    Map<String, Object> publishingLimit(long accountId) {
        int quota = behaviour.settings().publishQuota();
        int used = containers.publishedWithin(accountId, QUOTA_WINDOW).size();
        return Map.of("data", List.of(Map.of("quota_usage", used,
                "config", Map.of("quota_total", quota, "quota_duration", QUOTA_WINDOW.toSeconds()))));
    }

    /** The bytes of a resumable container: from a URL the sandbox fetches, or in the request body. */
    Map<String, Object> upload(long accountId, String containerId, @Nullable String fileUrl,
                               java.io.InputStream body) throws java.io.IOException {
        SandboxContainer container = containers.byId(parseId(containerId)).filter(c -> c.accountId() == accountId)
                .filter(SandboxContainer::resumable).orElseThrow(() -> GraphFault.noSuchObject(containerId));
        if (fileUrl != null && !fileUrl.isBlank()) {
            containers.setMediaUrl(container.id(), fileUrl);
            fetch(container.id());
        } else {
            intake.accept(container, body);
        }
        return Map.of("success", true, "message", "Upload successful.");
    }

    SandboxContainer container(long accountId, long id) {
        return containers.byId(id).filter(c -> c.accountId() == accountId)
                .orElseThrow(() -> GraphFault.noSuchObject(String.valueOf(id)));
    }

    private void fetch(long containerId) {
        fetches.afterCommit(containerId);
    }

    private ContainerStore.NewContainer media(long accountId, String type, boolean video, @Nullable String url,
                                              CreateParameters p, boolean resumable) {
        return new ContainerStore.NewContainer(accountId, type, p.carouselItem(), video, url, resumable,
                p.carouselItem() ? null : p.caption(), List.of(), p.shareToFeed(), options(accountId, p, type));
    }

    private ContainerStore.NewContainer carousel(long accountId, CreateParameters p) {
        List<Long> children = p.children() == null ? List.of() : Arrays.stream(p.children().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(SandboxPublishing::parseId).toList();
        if (children.size() < 2 || children.size() > 10) {
            throw GraphFault.invalidParameter("children must list 2 to 10 carousel item containers; it lists "
                    + children.size());
        }
        List<SandboxContainer> found = containers.byIds(children);
        OffsetDateTime now = containers.now();
        boolean valid = found.size() == children.size() && found.stream().allMatch(c -> c.accountId() == accountId
                && c.carouselItem() && !c.status(List.of(), now).code().equals("EXPIRED"));
        if (!valid) {
            throw GraphFault.invalidParameter("Every child must be an unexpired carousel item container of this account");
        }
        return new ContainerStore.NewContainer(accountId, "CAROUSEL", false, false, null, false, p.caption(),
                children, p.shareToFeed(), options(accountId, p, "CAROUSEL"));
    }

    /**
     * The options checked as Meta checks them. An account not eligible for trial Reels (error 2207081) is emulated by
     * injecting that fault on the account's container calls (the Sandbox page, or tests).
     */
    private String options(long accountId, CreateParameters p, String type) {
        return OptionRules.check(p.options(), type, p.carouselItem(), name -> accounts.byUsername(name).isPresent());
    }

    /** POST /{ig-media-id}/comments: needs the comments permission, like Meta's. */
    @Transactional
    Map<String, Object> comment(long accountId, SandboxToken token, String mediaId, String message) {
        needsComments(token);
        SandboxPost post = containers.post(parseId(mediaId)).orElseThrow(() -> GraphFault.noSuchObject(mediaId));
        if (message.isBlank() || message.length() > 2200) {
            throw GraphFault.invalidParameter("Param message must be 1 to 2200 characters long");
        }
        return Map.of("id", String.valueOf(containers.comment(post.id(), accountId, message)));
    }

    /** GET /{ig-media-id}/comments: newest first. */
    Map<String, Object> comments(SandboxToken token, String mediaId, int limit) {
        needsComments(token);
        SandboxPost post = containers.post(parseId(mediaId)).orElseThrow(() -> GraphFault.noSuchObject(mediaId));
        List<Map<String, Object>> data = containers.comments(post.id(), Math.clamp(limit, 1, 50)).stream()
                .map(c -> Map.<String, Object>of("id", String.valueOf(c.id()), "text", c.text(),
                        "username", c.username(), "timestamp", c.createdAt().toString()))
                .toList();
        return Map.of("data", data);
    }

    private static void needsComments(SandboxToken token) {
        if (!token.scopeList().contains(SandboxOAuth.COMMENTS_SCOPE)) {
            throw GraphFault.of(FaultCatalog.entry(10, null));
        }
    }

    private static void checkCaption(@Nullable String caption) {
        if (caption == null) {
            return;
        }
        String problem = caption.length() > 2200 ? caption.length() + " characters, at most 2200"
                : HASHTAG.matcher(caption).results().count() > 30 ? "more than 30 hashtags"
                : MENTION.matcher(caption).results().count() > 20 ? "more than 20 @-mentions" : null;
        if (problem != null) {
            throw new GraphFault(36004, 2207010, "The caption was too long: " + problem + ".");
        }
    }

    private static String required(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw GraphFault.invalidParameter("The parameter " + name + " is required");
        }
        return value;
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw GraphFault.noSuchObject(id);
        }
    }
}
