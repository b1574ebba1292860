package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.TaskPage;
import io.switchboard.tasks.TaskProblem;
import io.switchboard.tasks.TaskQueries;
import io.switchboard.tasks.TaskQueries.BulkAction;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;


/** The Tasks list with its filters and bulk actions, and one task's page. */
@Controller
class TasksController {
    static final int PAGE_SIZE = 50;
    static final int BULK_COUNT_CAP = 100_000;
    private final TaskQueries queries;
    private final Tasks tasks;
    private final PayloadView payloads;

    TasksController(TaskQueries queries, Tasks tasks, PayloadView payloads) {
        this.queries = queries;
        this.tasks = tasks;
        this.payloads = payloads;
    }

    @GetMapping("/tasks")
    String list(@ModelAttribute("filter") TaskFilterForm filter, @RequestParam(required = false) @Nullable Long before,
                HtmxRequest htmx, Model model) {
        TaskPage page = queries.find(filter.toFilter(), before, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("states", TaskState.values());
        model.addAttribute("before", before);
        if (Fragments.wanted(htmx)) {
            return before != null ? "tasks :: rows" : "tasks :: results";
        }
        return "tasks";
    }

    /** Step one of a bulk action: says how many tasks it would touch and asks to confirm. */
    @PostMapping("/tasks/bulk/confirm")
    String confirmBulk(@ModelAttribute("filter") TaskFilterForm filter, @RequestParam BulkAction action, Model model) {
        model.addAttribute("action", action);
        model.addAttribute("count", queries.countFor(action, filter.toFilter(), BULK_COUNT_CAP));
        model.addAttribute("cap", BULK_COUNT_CAP);
        model.addAttribute("states", TaskState.values());
        model.addAttribute("page", queries.find(filter.toFilter(), null, PAGE_SIZE));
        return "tasks";
    }

    /** Step two: hands the action to a task of its own, which works through the selection in batches. */
    @PostMapping("/tasks/bulk")
    String bulk(@ModelAttribute("filter") TaskFilterForm filter, @RequestParam BulkAction action,
                RedirectAttributes redirect) {
        long id = tasks.bulk(action, filter.toFilter(), actor());
        redirect.addFlashAttribute("notice", (action == BulkAction.RETRY ? "Retrying" : "Cancelling")
                + " the selected tasks in batches; this task shows the progress.");
        return "redirect:/tasks/" + id;
    }

    @GetMapping("/tasks/{id}")
    String detail(@PathVariable long id, HtmxRequest htmx, Model model) {
        TaskDetail detail = queries.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No task " + id + ": it may have been pruned after the retention period"));
        model.addAttribute("detail", detail);
        model.addAttribute("task", detail.task());
        model.addAttribute("payload", payloads.format(detail.payloadJson()));
        if (Fragments.wanted(htmx)) {
            return "task :: live";
        }
        return "task";
    }

    @PostMapping("/tasks/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            tasks.retry(id);
            redirect.addFlashAttribute("notice", "Task " + id + " is queued again.");
        } catch (TaskProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/tasks/" + id;
    }

    @PostMapping("/tasks/{id}/cancel")
    String cancel(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        if (!confirmed) {
            var task = tasks.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).task();
            if (task.state().live()) {
                return Confirmation.of(request, "tasks", "/tasks/" + id, "Cancel task " + id + " (" + task.kind() + ")?",
                        "Cancel task " + id, List.of(task.state() == TaskState.RUNNING
                                        ? "It is running: it is asked to stop at its next safe point."
                                        : "It is " + task.state().name().toLowerCase(java.util.Locale.ROOT)
                                        + ": it will not run.",
                                "A cancelled task can be retried from its page.")).page(model);
            }
        }
        switch (tasks.cancel(id)) {
            case CANCELLED -> redirect.addFlashAttribute("notice", "Task " + id + " is cancelled.");
            case REQUESTED -> redirect.addFlashAttribute("notice",
                    "Task " + id + " was asked to stop; it stops at its next safe point.");
            case NOT_LIVE -> redirect.addFlashAttribute("problem",
                    "Task " + id + " had already finished; nothing to cancel.");
        }
        return "redirect:/tasks/" + id;
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }
}
