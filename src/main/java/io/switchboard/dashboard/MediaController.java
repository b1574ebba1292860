package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.media.MediaDescription;
import io.switchboard.media.MediaDetail;
import io.switchboard.media.MediaFilter;
import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaProblem;
import io.switchboard.media.MediaStatus;
import io.switchboard.media.MediaType;
import io.switchboard.media.RenditionKind;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.Tasks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The media library's pages: the grid with filters and the upload area, live cards while media are prepared,
 * and each item's page (spec report, renditions, description, delete). Uploads are handled by
 * {@link MediaUploadController}.
 */
@Controller
class MediaController {
    static final int PAGE_SIZE = 48;
    private final MediaLibrary library;
    private final Tasks tasks;
    private final Formats formats;
    private final FormChecks checks;

    MediaController(MediaLibrary library, Tasks tasks, Formats formats, FormChecks checks) {
        this.library = library;
        this.tasks = tasks;
        this.formats = formats;
        this.checks = checks;
    }

    /** A card of the grid: the item, its thumbnail's signed path (null until ready), preparation progress. */
    record MediaCard(MediaItem item, @Nullable String thumbnail, int percent) {
    }

    /**
     * The description form as typed; the media module checks every field and names every mistake at once, except
     * the cover offset's form, which only this form knows.
     */
    record Description(String title, String tags, String defaultCaption,
                       @NotBlank(message = "Enter where the cover is taken, in seconds, such as 1.5.")
                       @Pattern(regexp = "\\s*(\\d{1,3}(\\.\\d{1,3})?)?\\s*",
                               message = "Enter seconds from 0 to 900, such as 1.5.")
                       String coverOffsetSeconds) {

        static Description of(MediaItem item) {
            return new Description(item.title(), String.join(", ", item.tags()), item.defaultCaption(),
                    BigDecimal.valueOf(item.coverOffset().toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString());
        }

        /** @throws MediaProblem with every mistake the media module finds (pure: nothing is saved) */
        MediaDescription toDescription(Duration cover) {
            return new MediaDescription(title == null ? "" : title, MediaDescription.parseTags(tags == null ? "" : tags),
                    defaultCaption == null ? "" : defaultCaption, cover);
        }

        Duration cover() {
            return Duration.ofMillis(new BigDecimal(coverOffsetSeconds.strip()).movePointRight(3).longValue());
        }
    }

    @GetMapping("/media")
    String grid(@RequestParam Optional<MediaType> type, @RequestParam Optional<MediaStatus> status,
                @RequestParam Optional<String> tag, @RequestParam Optional<Boolean> used,
                @RequestParam Optional<Long> before, Model model) {
        MediaFilter filter = new MediaFilter(type.orElse(null), status.orElse(null),
                tag.filter(t -> !t.isBlank()).orElse(null), used.orElse(null));
        var page = library.list(filter, before.orElse(null), PAGE_SIZE);
        model.addAttribute("cards", page.items().stream().map(this::card).toList());
        model.addAttribute("next", page.next());
        model.addAttribute("filter", filter);
        model.addAttribute("types", MediaType.values());
        model.addAttribute("statuses", MediaStatus.values());
        model.addAttribute("tags", library.tags());
        model.addAttribute("maxUploadBytes", library.maxUploadBytes());
        model.addAttribute("toolProblem", library.toolProblem().orElse(null));
        return "media";
    }

    @HxRequest
    @GetMapping("/media/{id}/card")
    String liveCard(@PathVariable long id, Model model) {
        model.addAttribute("card", card(library.find(id).orElseThrow(() -> notFound(id))));
        return "media-card :: card";
    }

    @GetMapping("/media/{id}/card")
    String cardWithoutHtmx(@PathVariable long id) {
        return "redirect:/media/" + id;
    }

    @GetMapping("/media/{id}")
    String detail(@PathVariable long id, Model model) {
        MediaDetail detail = library.detail(id).orElseThrow(() -> notFound(id));
        if (!model.containsAttribute("description")) {
            model.addAttribute("description", Description.of(detail.item()));
        }
        model.addAttribute("detail", detail);
        model.addAttribute("card", card(detail.item()));
        model.addAttribute("task", detail.prepareTaskId() == null ? null : tasks.detail(detail.prepareTaskId())
                .orElse(null));
        model.addAttribute("paths", paths(detail));
        return "media-detail";
    }

    @HxRequest
    @GetMapping("/media/{id}/live")
    String liveDetail(@PathVariable long id, Model model) {
        detail(id, model);
        return "media-detail :: live";
    }

    @GetMapping("/media/{id}/live")
    String liveDetailWithoutHtmx(@PathVariable long id) {
        return "redirect:/media/" + id;
    }

    @PostMapping("/media/{id}")
    String describe(@PathVariable long id, @ModelAttribute("description") Description form,
                    BindingResult errors, Model model, RedirectAttributes redirect) {
        checks.validate(form, errors);
        Map<String, String> names = Map.of("coverOffset", "coverOffsetSeconds");
        try {
            MediaDescription description = form.toDescription(errors.hasErrors() ? Duration.ZERO : form.cover());
            if (!errors.hasErrors()) {
                library.describe(id, description);
                redirect.addFlashAttribute("notice", "Saved.");
                return "redirect:/media/" + id;
            }
        } catch (MediaProblem problem) {
            FormChecks.reject(errors, problem, names);
        }
        return detail(id, model);
    }

    @PostMapping("/media/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        MediaDetail detail = library.detail(id).orElseThrow(() -> notFound(id));
        String title = detail.item().title();
        if (!confirmed && !detail.item().used()) {
            long bytes = detail.item().sizeBytes() + detail.renditions().stream().mapToLong(r -> r.sizeBytes()).sum();
            return Confirmation.of(request, "media", "/media/" + id, "Delete “" + title + "”?", "Delete it and its files",
                    List.of("The upload and its " + detail.renditions().size() + " prepared file(s), "
                                    + formats.bytes(bytes) + " in all, are removed from storage.",
                            "No campaign schedules it, so no post loses its media.",
                            "This cannot be undone: to use it again, upload the file again.")).page(model);
        }
        try {
            library.delete(id);
            redirect.addFlashAttribute("notice", "Deleted “" + title + "” and its files.");
            return "redirect:/media";
        } catch (MediaProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
            return "redirect:/media/" + id;
        }
    }

    @PostMapping("/media/{id}/prepare")
    String prepareAgain(@PathVariable long id, RedirectAttributes redirect) {
        try {
            library.prepareAgain(id);
            redirect.addFlashAttribute("notice", "Preparation queued.");
        } catch (MediaProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/media/" + id;
    }

    private MediaCard card(MediaItem item) {
        String thumbnail = item.ready() ? library.pagePath(item.id(), RenditionKind.THUMBNAIL) : null;
        int percent = -1;
        if (item.status() == MediaStatus.PREPARING) {
            percent = library.detail(item.id()).map(MediaDetail::prepareTaskId).flatMap(tasks::detail)
                    .map(TaskDetail::task).map(t -> t.percent()).orElse(-1);
        }
        return new MediaCard(item, thumbnail, percent);
    }

    /** Signed same-origin paths of the item's renditions, by kind name, for previews and links. */
    private java.util.Map<String, String> paths(MediaDetail detail) {
        java.util.Map<String, String> paths = new java.util.HashMap<>();
        for (var rendition : detail.renditions()) {
            paths.put(rendition.kind().name(), library.pagePath(detail.item().id(), rendition.kind()));
        }
        return paths;
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no media " + id);
    }
}
