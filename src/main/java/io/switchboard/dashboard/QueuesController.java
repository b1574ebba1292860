package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.tasks.QueueStats;
import io.switchboard.tasks.TaskQueries;
import io.switchboard.tasks.Tasks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

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
    String pause(@PathVariable String name, @RequestParam(defaultValue = "false") boolean confirmed,
                 HttpServletRequest request, Model model, RedirectAttributes redirect) {
        if (!confirmed) {
            var queue = queries.queues().stream().filter(q -> q.name().equals(name)).findFirst();
            long waiting = queue.map(QueueStats::depth).orElse(0L);
            long running = queue.map(QueueStats::running).orElse(0L);
            return Confirmation.of(request, "queues", "/queues", "Pause queue " + name + " on every instance?",
                    "Pause " + name, List.of(waiting + " task(s) waiting in it do not start until you resume it; new "
                                    + "ones wait too.", running + " running now finish.")).page(model);
        }
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
