package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.switchboard.identity.Operators;
import io.switchboard.identity.Role;
import io.switchboard.infrastructure.DatabaseFacts;
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

/** The landing page: tasks by state, throughput, instances, queues and the latest failures, kept live. */
@Controller
class OverviewController {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    private final Instances instances;
    private final DatabaseFacts database;
    private final Operators operators;
    private final TaskQueries tasks;
    private final Charts charts;

    OverviewController(Instances instances, DatabaseFacts database, Operators operators, TaskQueries tasks,
                       Charts charts) {
        this.instances = instances;
        this.database = database;
        this.operators = operators;
        this.tasks = tasks;
        this.charts = charts;
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
        model.addAttribute("finishedLastHour", points.stream().mapToLong(ThroughputPoint::total).sum());
    }
}
