package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.switchboard.tasks.Instances;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Every instance in the registry: live, stopped, or lost (silent) until it is forgotten. */
@Controller
class InstancesController {
    private final Instances instances;

    InstancesController(Instances instances) {
        this.instances = instances;
    }

    @GetMapping("/instances")
    String instances(HtmxRequest htmx, Model model) {
        model.addAttribute("instances", instances.all());
        return Fragments.wanted(htmx) ? "instances :: live" : "instances";
    }
}
