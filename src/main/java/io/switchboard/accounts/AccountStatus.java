package io.switchboard.accounts;

/** Whether Switchboard may work with an account. */
public enum AccountStatus {
    /** Connected and working. */
    ACTIVE,
    /** The token is invalid or a permission is missing: an operator must connect the account again. */
    NEEDS_RECONNECT,
    /** The platform blocked or restricted the account: publishing stops until an operator resolves it. */
    RESTRICTED,
    /** Switched off by an operator: no work is done for it. */
    DISABLED;

    /** Whether posts may be published for it. */
    public boolean canPublish() {
        return this == ACTIVE;
    }
}
