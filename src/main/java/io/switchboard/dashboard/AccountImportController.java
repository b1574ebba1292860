package io.switchboard.dashboard;

import io.switchboard.accounts.AccountProblem;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.accounts.AccountImports;
import io.switchboard.accounts.Accounts;
import io.switchboard.accounts.Connections;
import io.switchboard.accounts.ImportCheck;
import io.switchboard.platform.Platform;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * CSV import: upload or paste; a background task checks every row (each token live against the platform) while the
 * page follows its progress; then a preview with every error by row and column, and all rows or none.
 */
@Controller
class AccountImportController {
    private final Accounts accounts;
    private final AccountImports imports;
    private final Connections connections;

    AccountImportController(Accounts accounts, AccountImports imports, Connections connections) {
        this.accounts = accounts;
        this.imports = imports;
        this.connections = connections;
    }

    @ModelAttribute("platforms")
    List<Platform> platforms() {
        return connections.platforms();
    }

    @GetMapping("/accounts/import")
    String page() {
        return "accounts-import";
    }

    @PostMapping("/accounts/import")
    String check(@RequestParam(required = false) @Nullable MultipartFile file,
                 @RequestParam(defaultValue = "") String csv, Model model) throws IOException {
        try {
            return "redirect:/accounts/import/" + imports.startCheck(ImportText.of(file, csv));
        } catch (ImportText.Unreadable unreadable) {
            model.addAttribute("problem", unreadable.getMessage());
            return "accounts-import";
        }
    }

    @GetMapping("/accounts/import/{id}")
    String checking(@PathVariable UUID id, Model model) {
        model.addAttribute("check", current(id, model));
        return "accounts-import";
    }

    /** The check as it stands, for the page that follows it (it stops asking once the preview is there). */
    @HxRequest(target = "import-check")
    @GetMapping("/accounts/import/{id}")
    String checkingFragment(@PathVariable UUID id, Model model) {
        model.addAttribute("check", current(id, model));
        return "accounts-import :: check";
    }

    @PostMapping("/accounts/import/{id}")
    String commit(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            int imported = accounts.commitImport(id);
            redirect.addFlashAttribute("notice", "Imported " + imported + " account(s).");
            return "redirect:/accounts";
        } catch (AccountProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
            return "redirect:/accounts/import";
        }
    }

    private @Nullable ImportCheck current(UUID id, Model model) {
        var check = imports.check(id);
        if (check.isEmpty()) {
            model.addAttribute("problem", "This import is no longer waiting: it was imported already, is older than "
                    + "an hour, or was started by someone else. Upload the file again.");
        }
        return check.orElse(null);
    }
}
