package io.switchboard.media;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.util.unit.DataSize;
import testsupport.S3Server;

import java.nio.file.Path;
import java.time.Duration;

/** The storage contract on a real S3-compatible server (S3Mock in its own JVM). */
class S3StorageTest extends MediaStorageContract {
    private static S3Server server;
    private static MediaStorage storage;

    @BeforeAll
    static void start() {
        server = S3Server.start("contract");
        storage = new StorageConfiguration().mediaStorage(new MediaSettings(MediaSettings.StorageKind.S3,
                Path.of("unused"), new MediaSettings.S3(server.endpoint(), "us-east-1", server.bucket(),
                S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true, false), "", "", Path.of("unused"),
                DataSize.ofGigabytes(2), "", Duration.ofSeconds(1), "veryfast", 8000));
    }

    @AfterAll
    static void stop() throws Exception {
        ((AutoCloseable) storage).close();
        server.close();
    }

    @Override
    MediaStorage storage() {
        return storage;
    }
}
