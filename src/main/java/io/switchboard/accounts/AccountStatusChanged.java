package io.switchboard.accounts;

/**
 * An account's status changed (published after the change commits). Publishing pauses an account's posts when
 * it leaves ACTIVE and resumes them when it returns.
 */
public record AccountStatusChanged(long accountId, String username, AccountStatus from, AccountStatus to,
                                   String reason) {
}
