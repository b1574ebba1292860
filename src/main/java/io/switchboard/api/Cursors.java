package io.switchboard.api;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: what a module's keyset needs, tagged with the list it belongs to, in base64url. Clients pass
 * them back unchanged; a cursor of another list or a made-up one is refused naming the {@code cursor} parameter.
 */
final class Cursors {
    private Cursors() {
    }

    static @Nullable String encode(String list, @Nullable Object position) {
        if (position == null) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    static @Nullable String decode(String list, @Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(list + "|")) {
                return plain.substring(list.length() + 1);
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw new ApiProblem(400, "cursor", "This cursor is not one this list handed out: pass the "
                + "nextCursor of the previous page unchanged, or leave it out for the first page.");
    }

    static @Nullable Long decodeLong(String list, @Nullable String cursor) {
        String value = decode(list, cursor);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, "cursor", "This cursor is not one this list handed out.");
        }
    }
}
