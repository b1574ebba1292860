package io.switchboard.dashboard;

import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.ProxyImportPreview;
import io.switchboard.proxies.ProxyProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.UUID;

/** Proxy import: upload or paste URLs or CSV, a preview with every error by line and column, then all or none. */
@Controller
class ProxyImportController {
    private final Proxies proxies;

    ProxyImportController(Proxies proxies) {
        this.proxies = proxies;
    }

    @GetMapping("/proxies/import")
    String page() {
        return "proxies-import";
    }

    @PostMapping("/proxies/import")
    String preview(@RequestParam(required = false) @Nullable MultipartFile file,
                   @RequestParam(defaultValue = "") String text, Model model) throws IOException {
        String input;
        try {
            input = ImportText.of(file, text);
        } catch (ImportText.Unreadable unreadable) {
            model.addAttribute("problem", unreadable.getMessage());
            return "proxies-import";
        }
        ProxyImportPreview preview = proxies.previewImport(input);
        model.addAttribute("preview", preview);
        return "proxies-import";
    }

    @PostMapping("/proxies/import/{id}")
    String commit(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            int added = proxies.commitImport(id);
            redirect.addFlashAttribute("notice", "Imported " + added + " prox" + (added == 1 ? "y" : "ies")
                    + ": their first diagnostics are running.");
            return "redirect:/proxies";
        } catch (ProxyProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
            return "redirect:/proxies/import";
        }
    }
}
