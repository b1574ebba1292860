package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side of the emulated API: profiles, posts (with permalinks to the sandbox's own post page), any
 * object by id, and hashtag search with recent and top media.
 */
@Service
@Conditional(SandboxEnabled.class)
class SandboxReads {
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
    private static final int PAGE = 25;
    private final AccountStore accounts;
    private final ContainerStore containers;
    private final SandboxPublishing publishing;

    SandboxReads(AccountStore accounts, ContainerStore containers, SandboxPublishing publishing) {
        this.accounts = accounts;
        this.containers = containers;
        this.publishing = publishing;
    }

    /** Links back to this app as the caller reached it. */
    record Links(String base) {
        String permalink(long mediaId) {
            return base + "/sandbox/p/" + mediaId;
        }

        String avatar(long accountId) {
            return base + "/sandbox/avatar/" + accountId + ".svg";
        }
    }

    Map<String, Object> profile(long accountId, Links links) {
        SandboxAccount account = accounts.byId(accountId).orElseThrow(() -> GraphFault.noSuchObject(String.valueOf(accountId)));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", String.valueOf(account.id()));
        profile.put("user_id", String.valueOf(account.id()));
        profile.put("username", account.username());
        profile.put("name", account.name());
        profile.put("biography", account.biography());
        profile.put("website", account.website());
        profile.put("profile_picture_url", links.avatar(account.id()));
        profile.put("followers_count", MetricModel.followers(account.id(), account.followers(),
                MetricModel.age(account.createdAt(), accounts.now())));
        profile.put("follows_count", account.follows());
        profile.put("media_count", containers.postCount(account.id()));
        return profile;
    }

    /** GET /{id}: the caller's own profile, one of its containers or posts, or a hashtag. */
    Map<String, Object> object(long callerId, String id, @Nullable String fields, Links links) {
        long objectId = SandboxPublishing.parseId(id);
        if (objectId == callerId) {
            return select(profile(callerId, links), fields);
        }
        var post = containers.post(objectId);
        if (post.isPresent() && post.get().accountId() == callerId) {
            return select(post(post.get(), links), fields);
        }
        var container = containers.byId(objectId);
        if (container.isPresent() && container.get().accountId() == callerId) {
            return publishing.status(callerId, container.get());
        }
        var hashtag = containers.hashtag(objectId);
        if (hashtag.isPresent()) {
            return Map.of("id", id, "name", hashtag.get());
        }
        throw GraphFault.noSuchObject(id);
    }

    Map<String, Object> posts(long accountId, @Nullable String after, int limit, @Nullable String fields, Links links) {
        int size = Math.clamp(limit, 1, 100);
        Long before = after == null || after.isBlank() ? null : SandboxPublishing.parseId(after);
        return page(containers.posts(accountId, before, size), size, fields, links);
    }

    Map<String, Object> hashtagSearch(String q) {
        String name = q.strip().replaceFirst("^#", "").toLowerCase(java.util.Locale.ROOT);
        if (!name.matches("\\w{1,100}")) {
            throw GraphFault.invalidParameter("q must be one hashtag, without spaces");
        }
        return Map.of("data", List.of(Map.of("id", String.valueOf(containers.hashtagId(name)))));
    }

    Map<String, Object> hashtagMedia(String hashtagId, boolean recent, @Nullable String after, @Nullable String fields,
                                     Links links) {
        String name = containers.hashtag(SandboxPublishing.parseId(hashtagId))
                .orElseThrow(() -> GraphFault.noSuchObject(hashtagId));
        Long before = after == null || after.isBlank() ? null : SandboxPublishing.parseId(after);
        return page(containers.postsWithHashtag(name, recent ? Duration.ofHours(24) : null, before, PAGE), PAGE,
                fields, links);
    }

    private Map<String, Object> page(List<SandboxPost> posts, int size, @Nullable String fields, Links links) {
        List<Map<String, Object>> data = new ArrayList<>();
        posts.forEach(p -> data.add(select(post(p, links), fields)));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", data);
        if (!posts.isEmpty()) {
            String last = String.valueOf(posts.getLast().id());
            Map<String, Object> paging = new LinkedHashMap<>();
            paging.put("cursors", Map.of("before", String.valueOf(posts.getFirst().id()), "after", last));
            if (posts.size() == size) {
                paging.put("next", "?after=" + last);
            }
            page.put("paging", paging);
        }
        return page;
    }

    private static Map<String, Object> post(SandboxPost post, Links links) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", String.valueOf(post.id()));
        item.put("caption", post.caption());
        item.put("media_type", post.mediaType());
        item.put("media_product_type", post.mediaType().equals("VIDEO") ? "REELS" : "FEED");
        item.put("permalink", links.permalink(post.id()));
        item.put("timestamp", GRAPH_TIME.format(post.publishedAt()));
        item.put("media_url", post.mediaUrl());
        return item;
    }

    /** Only the asked-for fields (and the id), as the Graph API answers. */
    private static Map<String, Object> select(Map<String, Object> all, @Nullable String fields) {
        if (fields == null || fields.isBlank()) {
            return all;
        }
        Set<String> wanted = new java.util.HashSet<>(Arrays.asList(fields.split(",")));
        wanted.add("id");
        Map<String, Object> selected = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            if (wanted.contains(key) && value != null) {
                selected.put(key, value);
            }
        });
        return selected;
    }
}
