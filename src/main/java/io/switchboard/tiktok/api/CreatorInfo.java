package io.switchboard.tiktok.api;

import java.util.List;

/** What the creator may post now (creator_info/query): asked before every post. */
public record CreatorInfo(String username, String nickname, List<String> privacyLevelOptions, boolean commentDisabled,
                          boolean duetDisabled, boolean stitchDisabled, int maxVideoPostDurationSec) {
    public CreatorInfo {
        privacyLevelOptions = List.copyOf(privacyLevelOptions);
    }
}
