package io.switchboard.accounts;

/** How an account was connected. */
public enum ConnectedVia {
    OAUTH, TOKEN, IMPORT, SANDBOX
}
