package io.switchboard.publishing;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaType;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The accounts and media a campaign names, as they are now, in the shape the planner needs. */
@Component
class CampaignInputs {
    private final Accounts accounts;
    private final MediaLibrary media;
    private final PublishingSettings settings;

    CampaignInputs(Accounts accounts, MediaLibrary media, PublishingSettings settings) {
        this.accounts = accounts;
        this.media = media;
        this.settings = settings;
    }

    /** The chosen accounts and those with the tag, each once, in the order chosen then by id. */
    List<Planner.Target> targets(CampaignSpec spec) {
        Map<Long, Account> chosen = new LinkedHashMap<>();
        spec.accountIds().forEach(id -> accounts.find(id).ifPresent(a -> chosen.put(a.id(), a)));
        if (spec.accountTag() != null) {
            accounts.byTag(spec.accountTag()).forEach(a -> chosen.putIfAbsent(a.id(), a));
        }
        List<Planner.Target> targets = new ArrayList<>();
        for (Account account : chosen.values()) {
            targets.add(new Planner.Target(account.id(), account.username(),
                    account.name().isBlank() ? account.username() : account.name(), account.timeZone(),
                    account.status().canPublish(), account.status().name().toLowerCase().replace('_', ' ')
                    + (account.statusReason().isBlank() ? "" : " (" + account.statusReason() + ")"),
                    settings.defaultQuota()));
        }
        return targets;
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
                        + (item.rejection() == null ? "" : ": " + item.rejection())));
            }
        }
        return materials;
    }
}
