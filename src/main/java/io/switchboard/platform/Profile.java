package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

/** An account's readable profile fields. The API cannot change them: bio and picture are edited in the app. */
public record Profile(String platformUserId, String username, String name, String biography, String website,
                      @Nullable String pictureUrl, int followers, int follows, int mediaCount) {
}
