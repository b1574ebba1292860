package io.switchboard.tiktok;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a video's bytes back from the media storage's signed URL, for uploading it to TikTok in chunks. */
@Component
class MediaBytes {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    long size(URI url) throws IOException {
        HttpResponse<Void> answer = send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 200) {
            throw new IOException("HTTP " + answer.statusCode() + " for the video's size");
        }
        return answer.headers().firstValueAsLong("Content-Length")
                .orElseThrow(() -> new IOException("the media storage gave no Content-Length"));
    }

    /** {@code length} bytes from {@code first}: a range request, or skipping when the storage ignores ranges. */
    byte[] range(URI url, long first, long length) throws IOException {
        HttpResponse<InputStream> answer = send(HttpRequest.newBuilder(url).header("Range", "bytes=" + first + "-"
                + (first + length - 1)).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            if (answer.statusCode() == 200) {
                body.skipNBytes(first);
            } else if (answer.statusCode() != 206) {
                throw new IOException("HTTP " + answer.statusCode() + " reading the video");
            }
            byte[] bytes = body.readNBytes((int) length);
            if (bytes.length != length) {
                throw new IOException("the video ended at " + (first + bytes.length) + " bytes");
            }
            return bytes;
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
