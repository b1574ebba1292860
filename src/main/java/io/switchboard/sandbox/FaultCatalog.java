package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The errors of PLATFORM.md's table, with Meta's wording: what the sandbox can inject and answers with. */
final class FaultCatalog {
    record Entry(int code, @Nullable Integer subcode, String message, String meaning) {
        String key() {
            return subcode == null ? String.valueOf(code) : code + "/" + subcode;
        }
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry(1, null, "An unknown error occurred", "unknown: retry"),
            new Entry(2, null, "An unexpected error has occurred. Please retry your request later.", "service: retry"),
            new Entry(4, null, "Application request limit reached", "throttled (app)"),
            new Entry(17, null, "User request limit reached", "throttled (user)"),
            new Entry(32, null, "Page request limit reached", "throttled (page)"),
            new Entry(613, null, "Calls to this api have exceeded the rate limit.", "throttled"),
            new Entry(80002, null, "There have been too many calls to this Instagram account. Wait a bit and try again.",
                    "throttled (Instagram account)"),
            new Entry(190, null, "Error validating access token: Session has expired.", "token invalid"),
            new Entry(190, 460, "Error validating access token: The session has been invalidated because the user "
                    + "changed their password or Facebook has changed the session for security reasons.",
                    "token invalid: password changed"),
            new Entry(10, null, "Application does not have permission for this action", "permission missing"),
            new Entry(200, null, "Permissions error", "permission missing"),
            new Entry(368, null, "The action attempted has been deemed abusive or is otherwise disallowed",
                    "blocked for policy"),
            new Entry(-2, 2207003, "It took too long to download the media.", "media download timed out"),
            new Entry(-2, 2207020, "The media you are trying to access has expired. Please try to upload again.",
                    "container expired"),
            new Entry(-1, 2207001, "Server error. Please try again.", "server error"),
            new Entry(-1, 2207032, "Create media fail, please try to re-create media", "create failed"),
            new Entry(-1, 2207053, "Unknown upload error. Please create a new container.", "unknown upload error"),
            new Entry(100, 2207081, "This account is not eligible to share trial reels.",
                    "trial Reels: account not eligible"),
            new Entry(4, 2207051, "We restrict certain activity to protect our community.", "flagged as spam"),
            new Entry(9, 2207042, "You reached maximum number of posts that is allowed to be published by Content "
                    + "Publishing API.", "publish quota reached"),
            new Entry(24, 2207008, "The media builder does not exist or has expired.", "container builder expired"),
            new Entry(25, 2207050, "The Instagram account is restricted.", "account restricted"),
            new Entry(352, 2207026, "The video format is not supported. Please check the spec for supported video "
                    + "formats.", "unsupported video format"),
            new Entry(9004, 2207052, "The media could not be fetched from this URI.", "media URL not fetchable"),
            new Entry(9007, 2207027, "The media is not ready for publishing, please wait for a moment.",
                    "media not ready"),
            new Entry(36000, 2207004, "The image size is too large.", "image too big"),
            new Entry(36001, 2207005, "The image format is not supported.", "image not JPEG"),
            new Entry(36003, 2207009, "The submitted image with aspect ratio or width out of range cannot be "
                    + "published.", "bad aspect ratio or width"),
            new Entry(36004, 2207010, "The caption was too long.", "caption too long"));

    private FaultCatalog() {
    }

    static Optional<Entry> find(int code, @Nullable Integer subcode) {
        return ENTRIES.stream().filter(e -> e.code() == code && Objects.equals(e.subcode(), subcode)).findFirst();
    }

    static Entry entry(int code, @Nullable Integer subcode) {
        return find(code, subcode).orElseThrow(() -> new IllegalArgumentException(
                "Not an error of the platform's table: " + code + (subcode == null ? "" : "/" + subcode)));
    }

    static String type(int code) {
        return code == 190 || code == 10 || code >= 200 && code <= 299 ? "OAuthException"
                : code == 100 ? "GraphMethodException" : "OAuthException";
    }

    static int httpStatus(int code) {
        return code == 1 || code == 2 || code == -1 ? 500 : code == 190 ? 401 : code == 10 || code == 200 ? 403 : 400;
    }

    static boolean isTransient(int code, @Nullable Integer subcode) {
        return code == 1 || code == 2 || code == -1 && !Objects.equals(subcode, 2207053)
                || code == -2 && Objects.equals(subcode, 2207003);
    }
}
