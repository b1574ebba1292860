package io.switchboard.accounts;

import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * Checks an uploaded CSV import row by row, each token live against the platform, as a task with progress (one
 * per token), so a file of a thousand tokens never holds an HTTP request; the page follows the task and shows the
 * outcome. The payload names the import only: the file itself waits sealed in {@code account_import_check}.
 */
@Component
class ImportCheckRunner implements TaskHandler<ImportCheckRunner.Check> {
    static final TaskKind<Check> KIND = TaskKind.of("accounts.import_check", Check.class);
    private final ImportChecks checks;
    private final AccountImport imports;
    private final TokenVault vault;
    private final JsonMapper json;

    ImportCheckRunner(ImportChecks checks, AccountImport imports, TokenVault vault, JsonMapper json) {
        this.checks = checks;
        this.imports = imports;
        this.vault = vault;
        this.json = json;
    }

    record Check(UUID importId) {
    }

    @Override
    public TaskKind<Check> kind() {
        return KIND;
    }

    @Override
    public Outcome handle(Check check, TaskContext context) {
        var stored = checks.find(check.importId());
        if (stored.isEmpty() || stored.get().source() == null) {
            return Outcome.completed();
        }
        String csv = vault.open(stored.get().source());
        ImportPreview preview = imports.preview(check.importId(), csv, stored.get().createdBy(), context::progress);
        if (!context.leaseHeld()) {
            return Outcome.completed();
        }
        checks.checked(check.importId(), json.writeValueAsString(preview));
        context.info(preview.valid() ? preview.rows().size() + " row(s) ready to import"
                : preview.errors().size() + " problem(s) found");
        return Outcome.completed();
    }
}
