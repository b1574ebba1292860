package io.switchboard.accounts;

import io.switchboard.platform.Platform;
import org.jspecify.annotations.Nullable;

/**
 * Which accounts a list shows; every part is optional.
 *
 * @param text matched anywhere in the username, name or notes, without regard to case
 */
public record AccountFilter(@Nullable AccountStatus status, @Nullable String tag, @Nullable String text,
                            @Nullable Platform platform) {
    public static final AccountFilter ALL = new AccountFilter(null, null, null, null);
}
