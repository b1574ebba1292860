package io.switchboard.sandbox;

import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * A fetch submitted as a task by an earlier version, still queued when this one started: it is done as before.
 * New containers are fetched by {@link MediaFetches}, not through the task queue.
 */
@Component
@Conditional(SandboxEnabled.class)
class MediaFetch implements TaskHandler<MediaFetch.Fetch> {
    static final TaskKind<Fetch> KIND = TaskKind.of("sandbox.fetch", Fetch.class);
    static final String QUEUE = "sandbox";
    private final ContainerStore containers;
    private final MediaIntake intake;

    MediaFetch(ContainerStore containers, MediaIntake intake) {
        this.containers = containers;
        this.intake = intake;
    }

    record Fetch(long containerId) {
    }

    @Override
    public TaskKind<Fetch> kind() {
        return KIND;
    }

    @Override
    public Outcome handle(Fetch fetch, TaskContext context) throws Exception {
        var container = containers.byId(fetch.containerId());
        if (container.isEmpty() || container.get().checkedAt() != null || container.get().mediaUrl() == null) {
            return Outcome.completed();
        }
        intake.fetch(container.get());
        return Outcome.completed();
    }
}
