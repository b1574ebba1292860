package io.switchboard.media;

import io.switchboard.tasks.TaskFailed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A preparation that failed for good (ffmpeg kept crashing, storage kept failing) must not leave its item
 * "preparing" forever: it is rejected with the error, and the operator can prepare it again.
 */
@Component
class PreparationFailures {
    private final MediaItems items;
    private final PreparationResults results;

    PreparationFailures(MediaItems items, PreparationResults results) {
        this.items = items;
        this.results = results;
    }

    @ApplicationModuleListener
    void on(TaskFailed event) {
        if (!event.kind().equals(PreparationRunner.KIND.name())) {
            return;
        }
        items.byPrepareTask(event.taskId())
                .filter(item -> item.status() == MediaStatus.PREPARING)
                .ifPresent(item -> results.rejected(item.id(), "Preparation failed: " + event.error()
                        + ". Fix the cause, then choose Prepare again."));
    }
}
