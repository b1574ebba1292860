package io.switchboard.publishing;

import java.time.OffsetDateTime;

/**
 * What a post that has not gone out yet waits for, and until when, as the plan or the publish runner decided it.
 *
 * @param reason in the operators' words, to follow "waits for": "the 60-minute spacing after @brand's 11:19 UTC post
 *               from Autumn launch"
 * @param until  when it goes out, about
 */
public record PostWait(String reason, OffsetDateTime until) {
}
