package io.switchboard.publishing;

/** A post will not go out without an operator: {@code reason} says why and what to do. */
public record PostFailed(long postId, long campaignId, long accountId, String reason) {
}
