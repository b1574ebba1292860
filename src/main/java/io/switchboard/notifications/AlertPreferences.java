package io.switchboard.notifications;

import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * One operator's alerts.
 *
 * @param email   where mails go; null: none
 * @param chatUrl a Slack or Microsoft Teams incoming-webhook URL; null: none
 * @param kinds   what they are told about
 * @param digest  true: one message a day with everything instead of one per cause as it happens
 */
public record AlertPreferences(@Nullable String email, @Nullable String chatUrl, @Nullable ChatFormat chatFormat,
                               Set<AlertKind> kinds, boolean digest) {
    public AlertPreferences {
        kinds = Set.copyOf(kinds);
    }

    public static AlertPreferences none() {
        return new AlertPreferences(null, null, null, Set.of(), false);
    }
}
