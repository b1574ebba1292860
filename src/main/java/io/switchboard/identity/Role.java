package io.switchboard.identity;

/** What an operator may do. Every role sees every page; only some may change things. */
public enum Role {
    /** Everything, including managing operators and the platform sandbox. */
    ADMIN,
    /** Day-to-day work: uploads, accounts, campaigns, queues. */
    OPERATOR,
    /** Read-only: sees every page, changes nothing but their own password. */
    VIEWER;

    public boolean canChange() {
        return this != VIEWER;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
