package io.switchboard.dashboard;

import io.switchboard.accounts.Accounts;
import io.switchboard.media.MediaLibrary;
import io.switchboard.proxies.Proxies;
import io.switchboard.publishing.Campaign;
import io.switchboard.publishing.CampaignNames;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.CampaignPosts;
import io.switchboard.tasks.TaskView;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What tasks are about, in names and links: the task engine keeps references ("account:12", "campaign:4",
 * "post:77", "media.prepare:9"), the pages show "@brand", "Autumn launch, post 3", "clip.mp4".
 */
@Component
class TaskSubjects {
    private final Accounts accounts;
    private final CampaignNames campaigns;
    private final CampaignPosts posts;
    private final Proxies proxies;
    private final MediaLibrary media;

    TaskSubjects(Accounts accounts, CampaignNames campaigns, CampaignPosts posts, Proxies proxies, MediaLibrary media) {
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.posts = posts;
        this.proxies = proxies;
        this.media = media;
    }

    /** One thing a task is about (public: templates read it). */
    public record Subject(String text, String href) {
    }

    private enum Kind { ACCOUNT, POST, PROXY, MEDIA, CAMPAIGN }

    private record Ref(Kind kind, long id) {
    }

    /** What each task is about, by task id, in a few queries for the whole list. */
    Map<Long, List<Subject>> of(List<TaskView> tasks) {
        Map<Long, List<Ref>> refs = new LinkedHashMap<>();
        Map<Kind, Set<Long>> wanted = new HashMap<>();
        for (TaskView task : tasks) {
            List<Ref> found = new ArrayList<>();
            add(found, ref(task.uniqueKey()));
            add(found, ref(task.concurrencyKey()));
            add(found, ref(task.group()));
            refs.put(task.id(), found);
            found.forEach(r -> wanted.computeIfAbsent(r.kind(), k -> new HashSet<>()).add(r.id()));
        }
        Map<Long, CampaignPost> postsById = posts.find(wanted.getOrDefault(Kind.POST, Set.of()));
        postsById.values().forEach(p -> wanted.computeIfAbsent(Kind.CAMPAIGN, k -> new HashSet<>()).add(p.campaignId()));
        Map<Long, String> usernames = accounts.usernames(wanted.getOrDefault(Kind.ACCOUNT, Set.of()));
        Map<String, Campaign> campaignsByRef = campaigns.of(wanted.getOrDefault(Kind.CAMPAIGN, Set.of()).stream()
                .map(id -> "campaign:" + id).toList());
        Map<Long, String> mediaTitles = new HashMap<>();
        media.findAll(wanted.getOrDefault(Kind.MEDIA, Set.of())).forEach(m -> mediaTitles.put(m.id(), m.title()));
        Map<Long, String> proxyLabels = new HashMap<>();
        wanted.getOrDefault(Kind.PROXY, Set.of()).forEach(id -> proxies.find(id).ifPresent(p -> proxyLabels.put(id, p.label())));

        Map<Long, List<Subject>> subjects = new HashMap<>();
        refs.forEach((taskId, found) -> subjects.put(taskId, found.stream()
                .filter(r -> r.kind() != Kind.CAMPAIGN || found.stream().noneMatch(other -> other.kind() == Kind.POST
                        && postsById.containsKey(other.id()) && postsById.get(other.id()).campaignId() == r.id()))
                .map(r -> switch (r.kind()) {
            case ACCOUNT -> usernames.containsKey(r.id()) ? new Subject("@" + usernames.get(r.id()), "/accounts/" + r.id()) : null;
            case CAMPAIGN -> campaignsByRef.containsKey("campaign:" + r.id())
                    ? new Subject(campaignsByRef.get("campaign:" + r.id()).name(), "/campaigns/" + r.id()) : null;
            case POST -> {
                CampaignPost post = postsById.get(r.id());
                Campaign campaign = post == null ? null : campaignsByRef.get("campaign:" + post.campaignId());
                yield campaign == null ? null : new Subject("post " + post.number() + " of " + campaign.name(),
                        "/campaigns/" + campaign.id() + "?account=" + post.accountId());
            }
            case PROXY -> proxyLabels.containsKey(r.id()) ? new Subject("proxy " + proxyLabels.get(r.id()), "/proxies/" + r.id()) : null;
            case MEDIA -> mediaTitles.containsKey(r.id()) ? new Subject("“" + mediaTitles.get(r.id()) + "”", "/media/" + r.id()) : null;
        }).filter(s -> s != null).distinct().toList()));
        return subjects;
    }

    private static void add(List<Ref> refs, @Nullable Ref ref) {
        if (ref != null && !refs.contains(ref)) {
            refs.add(ref);
        }
    }

    /** "account:12", "post:77", "accounts.token-health:12", "proxies.diagnose:3", "media.cover:9:1000", "campaign:4". */
    private static @Nullable Ref ref(@Nullable String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split(":");
        if (parts.length < 2) {
            return null;
        }
        Kind kind = switch (parts[0]) {
            case "account", "accounts.token-health", "accounts.profile-audit" -> Kind.ACCOUNT;
            case "post" -> Kind.POST;
            case "campaign" -> Kind.CAMPAIGN;
            case "proxies.diagnose" -> Kind.PROXY;
            case "media.prepare", "media.cover" -> Kind.MEDIA;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        try {
            return new Ref(kind, Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
