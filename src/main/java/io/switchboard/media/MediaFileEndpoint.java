package io.switchboard.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves renditions to whoever holds a valid signed URL (the platform fetching a video, a page showing a
 * thumbnail): no session, range requests for players and resumable downloads, 403 with the reason for a bad or
 * expired signature.
 */
@Controller
class MediaFileEndpoint {
    /**
     * Tomcat's sendfile request attributes (its {@code Globals}; what its own DefaultServlet sets for static files):
     * a file in local storage is written to the socket by the kernel, not copied through the JVM in 8 KB pieces.
     */
    static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    private final UrlSigner signer;
    private final MediaRenditions renditions;
    private final MediaStorage storage;
    private final LateIcons icons;
    private final Counter bySendfile;
    private final Counter byCopy;

    MediaFileEndpoint(UrlSigner signer, MediaRenditions renditions, MediaStorage storage, LateIcons icons,
                      MeterRegistry meters) {
        this.bySendfile = sent(meters, "sendfile");
        this.byCopy = sent(meters, "copy");
        this.signer = signer;
        this.renditions = renditions;
        this.storage = storage;
        this.icons = icons;
    }

    @RequestMapping(path = UrlSigner.PATH + "{mediaId}/{file}", method = {RequestMethod.GET, RequestMethod.HEAD})
    void serve(@PathVariable long mediaId, @PathVariable String file,
               @RequestParam(defaultValue = "") String expires, @RequestParam(defaultValue = "") String signature,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        var kind = RenditionKind.fromFileName(file);
        if (kind.isEmpty()) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "No such media file.");
            return;
        }
        String refusal = signer.refusal(mediaId, kind.get(), expires, signature);
        if (refusal != null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        var rendition = kind.get() == RenditionKind.ICON ? icons.of(mediaId) : renditions.findServed(mediaId, kind.get());
        var stored = stat(rendition);
        if (stored.isEmpty() && rendition.isPresent() && kind.get() != RenditionKind.ICON) {
            renditions.forgetServed(mediaId, kind.get());
            rendition = renditions.findServed(mediaId, kind.get());
            stored = stat(rendition);
        }
        if (stored.isEmpty()) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "This media file does not exist (any more).");
            return;
        }
        send(rendition.orElseThrow().storageKey(), stored.get(), request, response);
    }

    private Optional<MediaStorage.StoredObject> stat(Optional<StoredRendition> rendition) throws IOException {
        return rendition.isEmpty() ? Optional.empty() : storage.stat(rendition.get().storageKey());
    }

    private void send(String key, MediaStorage.StoredObject object, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setContentType(object.contentType());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
        long first = 0;
        long length = object.size();
        switch (ByteRange.of(request.getHeader(HttpHeaders.RANGE), object.size())) {
            case ByteRange.Unsatisfiable u -> {
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + object.size());
                response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                return;
            }
            case ByteRange.Part part -> {
                first = part.first();
                length = part.length();
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader(HttpHeaders.CONTENT_RANGE,
                        "bytes " + part.first() + "-" + part.last() + "/" + object.size());
            }
            case ByteRange.Whole w -> response.setStatus(HttpServletResponse.SC_OK);
        }
        response.setContentLengthLong(length);
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        if (Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED)) && length > 0) {
            var local = storage.localFile(key);
            if (local.isPresent()) {
                // Tomcat writes the file itself after the request (sendfile: the kernel copies it to the socket)
                request.setAttribute(SENDFILE_FILENAME, local.get().toString());
                request.setAttribute(SENDFILE_START, first);
                request.setAttribute(SENDFILE_END, first + length);
                bySendfile.increment();
                return;
            }
        }
        byCopy.increment();
        try (InputStream in = storage.read(key, first, length); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static Counter sent(MeterRegistry meters, String how) {
        return Counter.builder("switchboard.media.files.sent").tag("by", how)
                .description("Media file bodies served: by sendfile (the kernel) or copied through the JVM "
                        + "(object storage, a server without sendfile)").register(meters);
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getOutputStream().write((reason + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
