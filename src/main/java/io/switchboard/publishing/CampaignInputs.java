package io.switchboard.publishing;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaType;
import io.switchboard.proxies.AccountRoute;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import io.switchboard.proxies.ProxyStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The accounts and media a campaign names, as they are now, in the shape the planner needs, and what they share. */
@Component
class CampaignInputs {
    private final Accounts accounts;
    private final MediaLibrary media;
    private final PublishingSettings settings;
    private final Proxies proxies;
    private final PostWaits waits;

    CampaignInputs(Accounts accounts, MediaLibrary media, PublishingSettings settings, Proxies proxies,
                   PostWaits waits) {
        this.accounts = accounts;
        this.media = media;
        this.settings = settings;
        this.proxies = proxies;
        this.waits = waits;
    }

    /**
     * The chosen accounts and those with the tag, each once, in the order chosen then by id, with what would hold
     * their posts back: their status, their egress route.
     */
    List<Planner.Target> targets(CampaignSpec spec) {
        Map<Long, Account> chosen = new LinkedHashMap<>(accounts.findAll(spec.accountIds()));
        if (spec.accountTag() != null) {
            accounts.byTag(spec.accountTag()).forEach(a -> chosen.putIfAbsent(a.id(), a));
        }
        Map<Long, AccountRoute> routes = proxies.routesOf(chosen.keySet());
        List<Planner.Target> targets = new ArrayList<>();
        for (Account account : chosen.values()) {
            List<Planner.Hold> holds = new ArrayList<>();
            statusHold(account).ifPresent(holds::add);
            routeHold(routes.get(account.id())).ifPresent(holds::add);
            targets.add(new Planner.Target(account.id(), account.username(),
                    account.name().isBlank() ? account.username() : account.name(), account.timeZone(),
                    settings.defaultQuota(), holds, account.platform()));
        }
        return targets;
    }

    /** The tags of each target account (for whether the campaign needs approval). */
    List<List<String>> accountTags(CampaignSpec spec) {
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        accounts.findAll(spec.accountIds()).values().forEach(a -> tags.put(a.id(), a.tags()));
        if (spec.accountTag() != null) {
            accounts.byTag(spec.accountTag()).forEach(a -> tags.putIfAbsent(a.id(), a.tags()));
        }
        return List.copyOf(tags.values());
    }

    private static Optional<Planner.Hold> statusHold(Account account) {
        String user = "@" + account.username();
        String why = account.statusReason().isBlank() ? "" : " (" + account.statusReason() + ")";
        return switch (account.status()) {
            case ACTIVE -> Optional.empty();
            case DISABLED -> Optional.of(new Planner.Hold(true, user + " is disabled",
                    "Enable it on its page, or remove it from the campaign.", "blocked: account disabled"));
            case NEEDS_RECONNECT -> Optional.of(new Planner.Hold(false, user + " needs reconnecting" + why,
                    "Reconnect it from its page; its posts go on by themselves once it is.", "held: needs reconnect"));
            case RESTRICTED -> Optional.of(new Planner.Hold(false, user + " is restricted by the platform" + why,
                    "Resolve it in the Instagram app, then enable it on its page; its posts go on by themselves.",
                    "held: account restricted"));
        };
    }

    /** A proxy that is down or disabled holds the posts of every account routed through it. */
    private static Optional<Planner.Hold> routeHold(@Nullable AccountRoute route) {
        if (route == null || route.proxy() == null) {
            return Optional.empty();
        }
        Proxy proxy = route.proxy();
        String which = (route.via() == AccountRoute.Via.DEFAULT ? "The default proxy " : "Proxy ") + proxy.label();
        if (!proxy.enabled()) {
            return Optional.of(new Planner.Hold(false, which + " is disabled",
                    "Enable it or route these accounts through another proxy; held posts go on when it is back.",
                    "held: proxy disabled"));
        }
        if (proxy.status() == ProxyStatus.DOWN) {
            return Optional.of(new Planner.Hold(false, which + " is down" + (proxy.statusReason().isBlank() ? ""
                    : " (" + proxy.statusReason() + ")"), "Fix the proxy or route these accounts through another "
                    + "one; held posts go on by themselves when it is up.", "held: proxy down"));
        }
        return Optional.empty();
    }

    /** The target accounts' posts from other campaigns that the plan makes room for. */
    Map<Long, List<BusySlots.Busy>> busy(List<Planner.Target> targets, Instant now, @Nullable Long replacing) {
        List<Long> accountIds = targets.stream().map(Planner.Target::accountId).toList();
        return replacing == null ? waits.busy(accountIds, now) : waits.busyBesides(accountIds, now, replacing);
    }

    /**
     * A digest of what {@link #busy} reads, from counters the database keeps: it changes whenever that would (also
     * for a change of the campaign being replaced, which costs only a new plan).
     */
    String busyDigest(List<Planner.Target> targets, Instant now) {
        return waits.busyDigest(targets.stream().map(Planner.Target::accountId).toList(), now);
    }

    /** The chosen media in the order chosen. */
    List<Planner.Material> materials(CampaignSpec spec) {
        Map<Long, MediaItem> found = new LinkedHashMap<>();
        media.findAll(spec.mediaIds()).forEach(item -> found.put(item.id(), item));
        List<Planner.Material> materials = new ArrayList<>();
        for (long id : spec.mediaIds()) {
            MediaItem item = found.get(id);
            if (item != null) {
                materials.add(new Planner.Material(item.id(), item.title(), item.defaultCaption(),
                        item.type() == MediaType.VIDEO, item.ready(), item.status().name().toLowerCase()
                        + (item.rejection() == null ? "" : ": " + item.rejection()),
                        item.publishable() == null ? java.time.Duration.ZERO : item.publishable().duration()));
            }
        }
        return materials;
    }
}
