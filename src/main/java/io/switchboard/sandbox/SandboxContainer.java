package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** A media container as the sandbox keeps it; its status is computed from the timestamps ({@link #status}). */
record SandboxContainer(long id, long accountId, String mediaType, boolean carouselItem, boolean video,
                        @Nullable String mediaUrl, boolean resumable, @Nullable String caption, List<Long> children,
                        OffsetDateTime createdAt, OffsetDateTime readyNotBefore, @Nullable OffsetDateTime checkedAt,
                        @Nullable Integer errorCode, @Nullable Integer errorSubcode, @Nullable String errorMessage,
                        @Nullable OffsetDateTime publishedAt) {
    static final Duration LIFETIME = Duration.ofHours(24);

    /** status_code and status as Meta reports them, with the error when ERROR. */
    record Status(String code, String text, @Nullable Integer errorCode, @Nullable Integer errorSubcode,
                  @Nullable String errorMessage) {
        static Status of(String code) {
            return new Status(code, code, null, null, null);
        }
    }

    /**
     * PUBLISHED once published; EXPIRED 24 h after creation; IN_PROGRESS until the media was fetched and
     * checked and the processing delay passed (for a carousel: all its children too); then ERROR with the
     * check's subcode, or FINISHED.
     */
    Status status(List<SandboxContainer> childContainers, OffsetDateTime now) {
        if (publishedAt != null) {
            return Status.of("PUBLISHED");
        }
        if (!now.isBefore(createdAt.plus(LIFETIME))) {
            return Status.of("EXPIRED");
        }
        if (now.isBefore(readyNotBefore)) {
            return Status.of("IN_PROGRESS");
        }
        if (mediaType.equals("CAROUSEL")) {
            for (SandboxContainer child : childContainers) {
                Status status = child.status(List.of(), now);
                if (!status.code().equals("FINISHED")) {
                    return status.code().equals("ERROR") ? status : Status.of("IN_PROGRESS");
                }
            }
            return Status.of("FINISHED");
        }
        if (checkedAt == null) {
            return Status.of("IN_PROGRESS");
        }
        if (errorSubcode != null) {
            return new Status("ERROR", "ERROR: " + errorSubcode + ": " + errorMessage, errorCode, errorSubcode,
                    errorMessage);
        }
        return Status.of("FINISHED");
    }
}
