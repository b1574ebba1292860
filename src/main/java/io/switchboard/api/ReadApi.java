package io.switchboard.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.Platform;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import io.switchboard.proxies.ProxyFilter;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.TaskFilter;
import io.switchboard.tasks.TaskQueries;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.TaskView;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/** Accounts, proxies and tasks: lists with the pages' filters and opaque cursors, and one by id. */
@RestController
@RequestMapping(ApiKeyFilter.BASE)
class ReadApi {
    static final int MAX_LIMIT = 100;
    private final Accounts accounts;
    private final Proxies proxies;
    private final TaskQueries tasks;

    ReadApi(Accounts accounts, Proxies proxies, TaskQueries tasks) {
        this.accounts = accounts;
        this.proxies = proxies;
        this.tasks = tasks;
    }

    @Tag(name = "accounts")
    @Operation(summary = "Connected accounts in username order")
    @GetMapping("/accounts")
    Page<Account> accounts(@RequestParam(required = false) @Nullable AccountStatus status,
                           @RequestParam(required = false) @Nullable String tag,
                           @RequestParam(required = false) @Nullable String text,
                           @RequestParam(required = false) @Nullable Platform platform,
                           @RequestParam(required = false) @Nullable String cursor,
                           @RequestParam(defaultValue = "50") int limit) {
        var page = accounts.list(new AccountFilter(status, tag, text, platform), Cursors.decode("accounts", cursor),
                limit(limit));
        return new Page<>(page.accounts(), Cursors.encode("accounts", page.next()));
    }

    @Tag(name = "accounts")
    @Operation(summary = "One account")
    @GetMapping("/accounts/{id}")
    Account account(@PathVariable long id) {
        return accounts.find(id).orElseThrow(() -> ApiProblem.notFound("account", id));
    }

    @Tag(name = "proxies")
    @Operation(summary = "Egress proxies in label order (never their passwords)")
    @GetMapping("/proxies")
    Page<Proxy> proxies(@RequestParam(required = false) @Nullable ProxyStatus status,
                        @RequestParam(required = false) @Nullable String region,
                        @RequestParam(required = false) @Nullable String tag,
                        @RequestParam(required = false) @Nullable String text,
                        @RequestParam(required = false) @Nullable String cursor,
                        @RequestParam(defaultValue = "50") int limit) {
        var page = proxies.list(new ProxyFilter(status, region, tag, text), Cursors.decode("proxies", cursor),
                limit(limit));
        return new Page<>(page.proxies(), Cursors.encode("proxies", page.next()));
    }

    @Tag(name = "proxies")
    @Operation(summary = "One proxy")
    @GetMapping("/proxies/{id}")
    Proxy proxy(@PathVariable long id) {
        return proxies.find(id).orElseThrow(() -> ApiProblem.notFound("proxy", id));
    }

    @Tag(name = "tasks")
    @Operation(summary = "Tasks of the engine, newest first")
    @GetMapping("/tasks")
    Page<TaskView> tasks(@RequestParam(required = false) @Nullable TaskState state,
                         @RequestParam(required = false) @Nullable String kind,
                         @RequestParam(required = false) @Nullable String queue,
                         @RequestParam(required = false) @Nullable String group,
                         @RequestParam(required = false) @Nullable String cursor,
                         @RequestParam(defaultValue = "50") int limit) {
        var filter = new TaskFilter(state == null ? Set.of() : Set.of(state), kind, queue, null, group, null, null);
        var page = tasks.find(filter, Cursors.decodeLong("tasks", cursor), limit(limit));
        return new Page<>(page.tasks(), Cursors.encode("tasks", page.nextBefore()));
    }

    @Tag(name = "tasks")
    @Operation(summary = "One task with its log")
    @GetMapping("/tasks/{id}")
    TaskDetail task(@PathVariable long id) {
        return tasks.detail(id).orElseThrow(() -> ApiProblem.notFound("task", id));
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiProblem(400, "limit", "Give a limit from 1 to " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
