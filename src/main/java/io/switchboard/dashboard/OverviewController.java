package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.identity.Operators;
import io.switchboard.identity.Role;
import io.switchboard.infrastructure.DatabaseFacts;
import io.switchboard.tasks.InstanceStatus;
import io.switchboard.tasks.Instances;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Map;

/** The landing page: what is running and on what. Its live part re-renders itself every few seconds. */
@Controller
class OverviewController {
    private final Instances instances;
    private final DatabaseFacts database;
    private final Operators operators;

    OverviewController(Instances instances, DatabaseFacts database, Operators operators) {
        this.instances = instances;
        this.database = database;
        this.operators = operators;
    }

    @GetMapping("/")
    String overview(Model model) {
        live(model);
        return "overview";
    }

    @HxRequest
    @GetMapping("/overview/live")
    String liveFragment(Model model) {
        live(model);
        return "overview :: live";
    }

    @GetMapping("/overview/live")
    String liveWithoutHtmx() {
        return "redirect:/";
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
    }
}
