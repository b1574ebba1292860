package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;

/** What the sandbox decided about fetched media: accepted, or the error the container reports. */
record MediaVerdict(@Nullable Failure failure) {
    static final MediaVerdict ACCEPTED = new MediaVerdict(null);

    record Failure(int code, int subcode, String message) {
    }

    static MediaVerdict failed(int code, int subcode, String message) {
        return new MediaVerdict(new Failure(code, subcode, message));
    }
}
