package io.switchboard.media;

import testsupport.SignedIn;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/** Uploading through the library and waiting for preparation, in tests. */
final class LibraryWaits {
    private LibraryWaits() {
    }

    static MediaItem upload(MediaLibrary library, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            SignedIn.as("test", "OPERATOR");
            var result = library.upload(file.getFileName().toString(), in, "test");
            assertThat(result).isInstanceOf(UploadResult.Stored.class);
            return ((UploadResult.Stored) result).item();
        }
    }

    static MediaItem awaitSettled(MediaLibrary library, long id) {
        eventually(Duration.ofSeconds(90), () -> assertThat(library.find(id).orElseThrow().status().settled())
                .as("media %d settled", id).isTrue());
        return library.find(id).orElseThrow();
    }

    static MediaItem awaitReady(MediaLibrary library, long id) {
        MediaItem item = awaitSettled(library, id);
        assertThat(item.status()).as("rejected: %s", item.rejection()).isEqualTo(MediaStatus.READY);
        return item;
    }

    static Path download(URI url, Path target) throws IOException, InterruptedException {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofFile(target));
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return target;
    }
}
