package io.switchboard.dashboard;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.publishing.CampaignProblem;
import io.switchboard.publishing.SavedLocation;
import io.switchboard.publishing.SavedLocations;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/** Saved locations: kept once by name for campaigns, and chosen as an account's default (regional accounts). */
@Controller
class LocationsController {
    private final SavedLocations locations;
    private final Accounts accounts;

    LocationsController(SavedLocations locations, Accounts accounts) {
        this.locations = locations;
        this.accounts = accounts;
    }

    /** The new location as typed (public: the template binds it). */
    public record NewLocation(@Nullable String name, @Nullable String pageId) {
    }

    @GetMapping("/locations")
    String list(Model model) {
        if (!model.containsAttribute("newLocation")) {
            model.addAttribute("newLocation", new NewLocation("", ""));
        }
        model.addAttribute("locations", locations.list());
        return "locations";
    }

    @PostMapping("/locations")
    String add(@ModelAttribute("newLocation") NewLocation form, BindingResult errors, Authentication who, Model model,
               RedirectAttributes redirect) {
        try {
            locations.add(form.name() == null ? "" : form.name(), form.pageId() == null ? "" : form.pageId(),
                    who.getName());
            redirect.addFlashAttribute("notice", "Saved “" + form.name().strip() + "”: campaigns and accounts can "
                    + "choose it by name.");
            return "redirect:/locations";
        } catch (CampaignProblem problem) {
            FormChecks.reject(errors, problem);
            return list(model);
        }
    }

    @PostMapping("/locations/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        SavedLocation location = locations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!confirmed) {
            return Confirmation.of(request, "campaigns", "/locations", "Delete the location “" + location.name() + "”?",
                    "Delete it", List.of(location.accounts() == 0 ? "No account has it as its default."
                            : location.accounts() + (location.accounts() == 1 ? " account has" : " accounts have")
                            + " it as their default and will have none.",
                            "Campaigns launched already keep it: their posts go out with it.")).page(model);
        }
        locations.remove(id);
        redirect.addFlashAttribute("notice", "Deleted “" + location.name() + "”.");
        return "redirect:/locations";
    }

    /** An account's default location, from its page; empty clears it. */
    @PostMapping("/accounts/{id}/location")
    String setDefault(@PathVariable long id, @RequestParam(defaultValue = "") String location,
                      RedirectAttributes redirect) {
        Account account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            Long chosen = location.isBlank() ? null : Long.valueOf(location);
            locations.setDefault(id, chosen);
            redirect.addFlashAttribute("notice", chosen == null ? "@" + account.username() + " has no default location now."
                    : "@" + account.username() + "'s posts go out at “" + locations.find(chosen).map(SavedLocation::name)
                    .orElse("") + "” when a campaign sets no location.");
        } catch (NumberFormatException | CampaignProblem e) {
            redirect.addFlashAttribute("problem", "That location was deleted meanwhile: choose another.");
        }
        return "redirect:/accounts/" + id + "#default-location";
    }
}
