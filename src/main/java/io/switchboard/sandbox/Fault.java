package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * An injected error: calls of {@code call} ("any" or one endpoint) for {@code accountId} (null: any account)
 * fail with the code at this rate, for the next {@code remaining} matching calls (null: until removed).
 */
record Fault(long id, int code, @Nullable Integer subcode, String call, @Nullable Long accountId, double rate,
             @Nullable Integer remaining) {

    static final java.util.List<String> CALLS = java.util.List.of("any", "container", "status", "publish", "quota",
            "profile", "media", "token", "hashtag", "upload");

    FaultCatalog.Entry entry() {
        return FaultCatalog.entry(code, subcode);
    }
}
