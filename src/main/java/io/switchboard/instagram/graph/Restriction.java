package io.switchboard.instagram.graph;

/** Why the platform stopped an account. */
public enum Restriction {
    /** 368: blocked for a policy violation; stop the account's publishing. */
    POLICY_BLOCK,
    /** 4/2207051: actions flagged as spam; stop the account and tell the operator. */
    SPAM_RESTRICTED,
    /** 25/2207050: the account is restricted; the operator must fix it in the Instagram app. */
    ACCOUNT_RESTRICTED
}
