package io.switchboard.platform;

/**
 * The sandbox's app secret, which the client sends with the calls that need the app's credentials (the code
 * exchange, creating sandbox accounts) when no {@code switchboard.instagram.app-secret} is configured. Implemented by
 * the sandbox module, present in sandbox mode only.
 */
public interface SandboxSecret {

    String clientSecret();
}
