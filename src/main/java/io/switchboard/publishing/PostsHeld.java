package io.switchboard.publishing;

import java.util.List;

/**
 * Posts of one account were held back, all for one cause: one event for all of them, so that listeners tell it once.
 *
 * @param cause  {@code account} (it cannot publish: token, permission, restriction) or {@code route} (its proxy is
 *               down)
 * @param reason what holds them and what to do, in operators' words
 */
public record PostsHeld(long accountId, List<Long> postIds, String cause, String reason) {
    public PostsHeld {
        postIds = List.copyOf(postIds);
    }
}
