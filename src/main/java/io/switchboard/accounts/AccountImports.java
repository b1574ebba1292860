package io.switchboard.accounts;

import io.switchboard.identity.CurrentOperator;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.TaskView;
import io.switchboard.tasks.Tasks;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;
import java.util.UUID;

/**
 * CSV imports checked in the background: {@link #startCheck} keeps the file (sealed) and submits a task that
 * checks every row, each token live against the platform, with progress; {@link #check} tells the operator's page
 * how far it is and, at the end, the preview. {@link Accounts#commitImport} then imports it, all rows or none.
 */
@Service
public class AccountImports {
    private final ImportChecks checks;
    private final TokenVault vault;
    private final Tasks tasks;
    private final JsonMapper json;

    AccountImports(ImportChecks checks, TokenVault vault, Tasks tasks, JsonMapper json) {
        this.checks = checks;
        this.vault = vault;
        this.tasks = tasks;
        this.json = json;
    }

    /** Starts checking the file; returns the import's id, which the page follows with {@link #check}. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public UUID startCheck(String csv) {
        UUID id = UUID.randomUUID();
        checks.insert(id, actor(), vault.seal(csv));
        long taskId = tasks.submit(TaskRequest.of(ImportCheckRunner.KIND, new ImportCheckRunner.Check(id))
                .withQueue(AccountChecks.QUEUE).withMaxAttempts(2)).id();
        checks.task(id, taskId);
        return id;
    }

    /** How the check of the caller's own import stands; empty when unknown, someone else's or older than an hour. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public Optional<ImportCheck> check(UUID id) {
        return checks.find(id).filter(stored -> stored.createdBy().equals(actor())).map(stored -> {
            if (stored.previewJson() != null) {
                ImportPreview preview = json.readValue(stored.previewJson(), ImportPreview.class);
                return new ImportCheck(id, preview.rows().size(), preview.rows().size(), null, preview);
            }
            TaskView task = stored.taskId() == null ? null
                    : tasks.detail(stored.taskId()).map(TaskDetail::task).orElse(null);
            // a task that succeeded has stored its outcome: the next look finds it
            if (task == null || task.state() == TaskState.FAILED || task.state() == TaskState.CANCELLED) {
                return new ImportCheck(id, 0, 0, task != null && task.lastError() != null ? task.lastError()
                        : "the check ended without an outcome", null);
            }
            return new ImportCheck(id, task.progressDone() == null ? 0 : task.progressDone(),
                    task.progressTotal() == null ? 0 : task.progressTotal(), null, null);
        });
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }
}
