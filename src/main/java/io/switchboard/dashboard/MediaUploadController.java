package io.switchboard.dashboard;

import io.switchboard.identity.CurrentOperator;
import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.UploadResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads into the media library. The page's script sends each file as the raw body of its own request (so the
 * server streams it to storage as it arrives and the browser reports progress per file); without script, a
 * plain multipart form posts them all at once (the container spools the parts to disk, not memory).
 */
@Controller
class MediaUploadController {
    private final MediaLibrary library;

    MediaUploadController(MediaLibrary library) {
        this.library = library;
    }

    /**
     * What the script shows for one file.
     *
     * @param outcome "stored", "duplicate" or "refused"
     * @param id      the item (new or existing); null when refused
     */
    record Answer(String outcome, @Nullable Long id, String message) {
    }

    @PostMapping(path = "/media/uploads", consumes = "*/*")
    @ResponseBody
    ResponseEntity<Answer> upload(@RequestParam String name, HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return switch (library.upload(name, body, operator())) {
                case UploadResult.Stored stored -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new Answer("stored", stored.item().id(), "Uploaded; preparing it now."));
                case UploadResult.Duplicate duplicate -> ResponseEntity.ok(new Answer("duplicate",
                        duplicate.existing().id(), already(duplicate.existing())));
                case UploadResult.Refused refused -> ResponseEntity.unprocessableContent()
                        .body(new Answer("refused", null, refused.reason()));
            };
        }
    }

    @PostMapping(path = "/media/upload", consumes = "multipart/form-data")
    String uploadForm(HttpServletRequest request, RedirectAttributes redirect) throws Exception {
        List<String> notices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Part part : request.getParts()) {
            if (!part.getName().equals("files") || part.getSubmittedFileName() == null
                    || part.getSubmittedFileName().isBlank()) {
                continue;
            }
            try (InputStream body = part.getInputStream()) {
                switch (library.upload(part.getSubmittedFileName(), body, operator())) {
                    case UploadResult.Stored stored -> notices.add(stored.item().originalName() + ": uploaded; "
                            + "preparing it now.");
                    case UploadResult.Duplicate duplicate -> notices.add(part.getSubmittedFileName() + ": "
                            + already(duplicate.existing()));
                    case UploadResult.Refused refused -> problems.add(refused.reason());
                }
            } finally {
                part.delete();
            }
        }
        if (notices.isEmpty() && problems.isEmpty()) {
            problems.add("Choose one or more files first.");
        }
        redirect.addFlashAttribute("uploadNotices", notices);
        redirect.addFlashAttribute("uploadProblems", problems);
        return "redirect:/media";
    }

    private static String already(MediaItem existing) {
        return "already in the library as “" + existing.title() + "” (media " + existing.id() + "); not stored again.";
    }

    private static String operator() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("unknown");
    }
}
