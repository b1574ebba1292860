package io.switchboard.dashboard;

import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.Accounts;
import io.switchboard.accounts.Connections;
import io.switchboard.accounts.ImportPreview;
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

/** CSV import: upload or paste, a preview with every error by row and column, then all rows or none. */
@Controller
class AccountImportController {
    private final Accounts accounts;
    private final Connections connections;

    AccountImportController(Accounts accounts, Connections connections) {
        this.accounts = accounts;
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
    String preview(@RequestParam(required = false) @Nullable MultipartFile file,
                   @RequestParam(defaultValue = "") String csv, Model model) throws IOException {
        String text = ImportText.of(file, csv);
        if (text == null) {
            model.addAttribute("problem", ImportText.TOO_LARGE);
            return "accounts-import";
        }
        ImportPreview preview = accounts.previewImport(text);
        model.addAttribute("preview", preview);
        return "accounts-import";
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
}
