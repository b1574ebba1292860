package io.switchboard.notifications;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells operators what happened, grouped: every {@code alert-every}, the new items are grouped by kind and cause, and
 * each operator who chose that kind (and no digest) gets one message per group, with how many and a link to the page
 * that shows them. Once a day, digest readers get one message with the last 24 hours. One instance at a time.
 */
@Component
class AlertSender {
    private static final int BATCH = 5000;
    private final AlertRows rows;
    private final AlertChannels channels;
    private final NotificationSettings settings;
    private final TransactionTemplate transactions;

    AlertSender(AlertRows rows, AlertChannels channels, NotificationSettings settings, TransactionTemplate transactions) {
        this.rows = rows;
        this.channels = channels;
        this.settings = settings;
        this.transactions = transactions;
    }

    record Group(AlertKind kind, String cause, int count, String link) {
    }

    @Scheduled(fixedDelayString = "${switchboard.notifications.alert-every:1m}", initialDelayString = "PT10S")
    @SchedulerLock(name = "notifications.alerts", lockAtMostFor = "PT5M")
    void sendNew() {
        transactions.executeWithoutResult(status -> {
            List<AlertRows.Item> items = rows.takeUnsent(settings.alertQuiet(), BATCH);
            if (items.isEmpty()) {
                return;
            }
            List<Group> groups = group(items);
            rows.all().forEach((username, preferences) -> {
                if (preferences.digest()) {
                    return;
                }
                for (Group group : groups) {
                    if (preferences.kinds().contains(group.kind())) {
                        channels.send(preferences, message(group));
                    }
                }
            });
            rows.markSent(items.stream().map(AlertRows.Item::id).toList());
        });
    }

    @Scheduled(cron = "${switchboard.notifications.digest-cron:0 0 7 * * *}", zone = "UTC")
    @SchedulerLock(name = "notifications.digest", lockAtMostFor = "PT30M")
    void sendDigest() {
        List<Group> groups = group(rows.since(OffsetDateTime.now().minusDays(1)));
        rows.all().forEach((username, preferences) -> {
            List<Group> theirs = groups.stream().filter(g -> preferences.kinds().contains(g.kind())).toList();
            if (preferences.digest() && !theirs.isEmpty()) {
                StringBuilder text = new StringBuilder();
                theirs.forEach(g -> text.append("- ").append(line(g)).append(" (").append(link(g)).append(")\n"));
                channels.send(preferences, new AlertChannels.Message("the last 24 hours", text.toString(), link("/")));
            }
        });
        rows.prune(OffsetDateTime.now().minusDays(7));
    }

    static List<Group> group(List<AlertRows.Item> items) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (AlertRows.Item item : items) {
            groups.merge(item.kind() + "|" + item.cause(), new Group(item.kind(), item.cause(), item.count(), item.link()),
                    (a, b) -> new Group(a.kind(), a.cause(), a.count() + b.count(),
                            a.link().equals(b.link()) ? a.link() : "/"));
        }
        return new ArrayList<>(groups.values());
    }

    private AlertChannels.Message message(Group group) {
        return new AlertChannels.Message(line(group), group.cause(), link(group));
    }

    private static String line(Group group) {
        int n = group.count();
        return switch (group.kind()) {
            case POSTS_HELD -> n + (n == 1 ? " post held: " : " posts held: ") + group.cause();
            case POST_FAILED -> n + (n == 1 ? " post failed: " : " posts failed: ") + group.cause();
            case ACCOUNT_TROUBLE, PROXY_DOWN -> group.cause();
        };
    }

    private String link(Group group) {
        return link(group.link());
    }

    private String link(String path) {
        return settings.baseUrl().replaceAll("/+$", "") + path;
    }

}
