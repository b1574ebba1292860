package io.switchboard.identity;

/** What an API key may do; each scope includes the ones before it. */
public enum ApiScope {
    /** GET everything the pages show. */
    READ(Role.VIEWER),
    /** Upload media, preview and launch campaigns, retry and cancel posts. */
    PUBLISH(Role.OPERATOR),
    /** Everything, including sandbox accounts. */
    ADMIN(Role.ADMIN);

    private final Role role;

    ApiScope(Role role) {
        this.role = role;
    }

    /** The operator role a call with this key acts with (the modules' own checks see it). */
    public Role role() {
        return role;
    }

    public boolean includes(ApiScope other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return switch (this) {
            case READ -> "read";
            case PUBLISH -> "read and publish";
            case ADMIN -> "admin";
        };
    }
}
