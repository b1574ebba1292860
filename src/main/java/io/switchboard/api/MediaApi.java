package io.switchboard.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.media.MediaDetail;
import io.switchboard.media.MediaFilter;
import io.switchboard.media.MediaItem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaStatus;
import io.switchboard.media.MediaType;
import io.switchboard.media.UploadResult;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/** The media library: streamed uploads, lists, one item with its spec report, delete. */
@RestController
@RequestMapping(ApiKeyFilter.BASE + "/media")
@Tag(name = "media")
class MediaApi {
    private final MediaLibrary media;
    private final Idempotency idempotency;

    MediaApi(MediaLibrary media, Idempotency idempotency) {
        this.media = media;
        this.idempotency = idempotency;
    }

    @Operation(summary = "Upload a video or image: the body is the file's bytes, streamed to storage",
            description = "201 with the new item (its preparation is queued); 200 with the existing item when the "
                    + "same bytes are in the library already; 422 when refused.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
            @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))))
    @PostMapping(consumes = "application/octet-stream")
    ResponseEntity<?> upload(@Parameter(description = "the file's name, with its extension (reel.mp4)")
                             @RequestParam String fileName,
                             @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key,
                             HttpServletRequest request) {
        return idempotency.once(key, "POST /api/v1/media " + fileName + " " + request.getContentLengthLong(), () -> {
            try {
                return switch (media.upload(fileName, request.getInputStream(), ApiCaller.current().actor())) {
                    case UploadResult.Stored stored -> ResponseEntity.created(location(stored.item())).body(stored.item());
                    case UploadResult.Duplicate duplicate -> ResponseEntity.ok().location(location(duplicate.existing()))
                            .body(duplicate.existing());
                    case UploadResult.Refused refused -> throw new ApiProblem(422, "", refused.reason());
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Operation(summary = "The library, newest first")
    @GetMapping
    Page<MediaItem> list(@RequestParam(required = false) @Nullable MediaType type,
                         @RequestParam(required = false) @Nullable MediaStatus status,
                         @RequestParam(required = false) @Nullable String tag,
                         @RequestParam(required = false) @Nullable Boolean used,
                         @RequestParam(required = false) @Nullable String cursor,
                         @RequestParam(defaultValue = "50") int limit) {
        var page = media.list(new MediaFilter(type, status, tag, used), Cursors.decodeLong("media", cursor),
                ReadApi.limit(limit));
        return new Page<>(page.items(), Cursors.encode("media", page.next()));
    }

    @Operation(summary = "One item with what was found in the upload and its spec report, rule by rule")
    @GetMapping("/{id}")
    MediaDetail detail(@PathVariable long id) {
        return media.detail(id).orElseThrow(() -> ApiProblem.notFound("media item", id));
    }

    @Operation(summary = "Delete an item no campaign holds")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        media.find(id).orElseThrow(() -> ApiProblem.notFound("media item", id));
        media.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static URI location(MediaItem item) {
        return URI.create(ApiKeyFilter.BASE + "/media/" + item.id());
    }
}
