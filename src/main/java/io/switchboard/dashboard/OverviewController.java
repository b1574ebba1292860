package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.identity.Operators;
import io.switchboard.identity.Role;
import io.switchboard.infrastructure.DatabaseFacts;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.ProxyFilter;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.publishing.PublishingOverview;
import io.switchboard.tasks.InstanceStatus;
import io.switchboard.tasks.Instances;
import io.switchboard.tasks.TaskQueries;
import io.switchboard.tasks.ThroughputPoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The landing page, kept live and read from the database on every request: first what operators care about (today's
 * posts, failed and held posts with the reason and the fix, accounts needing reconnect, proxies down), then the
 * engine's figures (tasks by state, throughput, queues, the latest failed tasks, instances, the database).
 */
@Controller
class OverviewController {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    private static final int SHOWN = 8;
    private final Instances instances;
    private final DatabaseFacts database;
    private final Operators operators;
    private final TaskQueries tasks;
    private final Charts charts;
    private final PublishingOverview publishing;
    private final Accounts accounts;
    private final Proxies proxies;

    OverviewController(Instances instances, DatabaseFacts database, Operators operators, TaskQueries tasks,
                       Charts charts, PublishingOverview publishing, Accounts accounts, Proxies proxies) {
        this.instances = instances;
        this.database = database;
        this.operators = operators;
        this.tasks = tasks;
        this.charts = charts;
        this.publishing = publishing;
        this.accounts = accounts;
        this.proxies = proxies;
    }

    @GetMapping("/")
    String overview(HtmxRequest htmx, Model model) {
        live(model);
        return Fragments.wanted(htmx) ? "overview :: live" : "overview";
    }

    @GetMapping("/overview/live")
    String liveFragment(Model model) {
        live(model);
        return "overview :: live";
    }

    private void live(Model model) {
        attention(model);
        var all = instances.all();
        Map<Role, Integer> byRole = operators.countByRole();
        model.addAttribute("instances", all);
        model.addAttribute("liveInstances", all.stream().filter(i -> i.status() == InstanceStatus.LIVE).count());
        model.addAttribute("db", database.read());
        model.addAttribute("operatorsByRole", byRole);
        model.addAttribute("roles", Role.values());
        model.addAttribute("operatorCount", byRole.values().stream().mapToInt(Integer::intValue).sum());
        TaskQueries.Overview overview = tasks.overview();
        model.addAttribute("counts", overview.counts());
        model.addAttribute("queues", overview.queues());
        model.addAttribute("failures", overview.failures());
        List<ThroughputPoint> points = overview.throughput();
        model.addAttribute("throughputChart", charts.throughput(points, MINUTE));
        model.addAttribute("throughput", points.stream().map(p -> new MinuteRow(
                MINUTE.format(p.minute().withOffsetSameInstant(java.time.ZoneOffset.UTC)), p.succeeded(), p.failed(),
                p.cancelled())).toList());
        model.addAttribute("finishedLastHour", points.stream().mapToLong(ThroughputPoint::total).sum());
    }

    /** What needs an operator: today's posts, failed and held posts, accounts to reconnect, proxies down. */
    private void attention(Model model) {
        model.addAttribute("today", publishing.today());
        PublishingOverview.Troubles troubles = publishing.trouble(SHOWN);
        List<PublishingOverview.Trouble> trouble = troubles.groups();
        model.addAttribute("trouble", trouble);
        model.addAttribute("troublePosts", troubles.posts());
        Map<Long, String> usernames = accounts.usernames(trouble.stream().map(PublishingOverview.Trouble::accountId)
                .filter(java.util.Objects::nonNull).toList());
        model.addAttribute("troubleAccounts", usernames);
        Map<AccountStatus, Integer> accountCounts = accounts.statusCounts();
        model.addAttribute("reconnectCount", accountCounts.getOrDefault(AccountStatus.NEEDS_RECONNECT, 0));
        model.addAttribute("restrictedCount", accountCounts.getOrDefault(AccountStatus.RESTRICTED, 0));
        model.addAttribute("toReconnect", accounts.list(new AccountFilter(AccountStatus.NEEDS_RECONNECT, null, null, null),
                null, SHOWN).accounts());
        model.addAttribute("restricted", accounts.list(new AccountFilter(AccountStatus.RESTRICTED, null, null, null),
                null, SHOWN).accounts());
        model.addAttribute("downCount", proxies.statusCounts().getOrDefault(ProxyStatus.DOWN, 0));
        model.addAttribute("down", proxies.list(new ProxyFilter(ProxyStatus.DOWN, null, null, null), null, SHOWN)
                .proxies());
        model.addAttribute("defaultProxy", proxies.defaultProxy().orElse(null));
    }

    /** One minute of the throughput chart as its table shows it (until the chart is drawn, or without script). */
    record MinuteRow(String minute, long succeeded, long failed, long cancelled) {
    }
}
