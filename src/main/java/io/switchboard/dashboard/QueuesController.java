package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.tasks.TaskQueries;
import io.switchboard.tasks.Tasks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Queues: depth, running and paused per queue; OPERATORs and ADMINs pause and resume them cluster-wide. */
@Controller
class QueuesController {
    private final TaskQueries queries;
    private final Tasks tasks;

    QueuesController(TaskQueries queries, Tasks tasks) {
        this.queries = queries;
        this.tasks = tasks;
    }

    @GetMapping("/queues")
    String queues(HtmxRequest htmx, Model model) {
        model.addAttribute("queues", queries.queues());
        return Fragments.wanted(htmx) ? "queues :: live" : "queues";
    }

    @PostMapping("/queues/{name}/pause")
    String pause(@PathVariable String name, RedirectAttributes redirect) {
        tasks.pauseQueue(name, actor());
        redirect.addFlashAttribute("notice", "Queue " + name + " is paused on every instance: running tasks "
                + "finish, no new ones start until you resume it.");
        return "redirect:/queues";
    }

    @PostMapping("/queues/{name}/resume")
    String resume(@PathVariable String name, RedirectAttributes redirect) {
        tasks.resumeQueue(name, actor());
        redirect.addFlashAttribute("notice", "Queue " + name + " runs again.");
        return "redirect:/queues";
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }
}
