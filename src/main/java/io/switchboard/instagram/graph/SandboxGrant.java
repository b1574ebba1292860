package io.switchboard.instagram.graph;

/**
 * An account created in the sandbox, with an authorization code to connect it through the ordinary code
 * exchange. The code is a secret for a few minutes: {@link #toString()} leaves it out.
 */
public record SandboxGrant(String platformUserId, String username, String code) {
    @Override
    public String toString() {
        return "SandboxGrant[platformUserId=" + platformUserId + ", username=" + username + ", code=***]";
    }
}
