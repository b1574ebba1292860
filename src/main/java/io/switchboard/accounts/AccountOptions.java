package io.switchboard.accounts;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** What the operator sets on an account when connecting it. */
record AccountOptions(String timeZone, List<String> tags, String notes, @Nullable String desiredBiography,
                      @Nullable String desiredWebsite) {
    static AccountOptions of(String timeZone, List<String> tags) {
        return new AccountOptions(timeZone, tags, "", null, null);
    }
}
