package io.switchboard.media;

import org.junit.jupiter.api.BeforeEach;

/** The storage contract on a local folder. */
class LocalStorageTest extends MediaStorageContract {
    private LocalStorage storage;

    @BeforeEach
    void folder() {
        storage = new LocalStorage(dir.resolve("media"));
    }

    @Override
    MediaStorage storage() {
        return storage;
    }
}
