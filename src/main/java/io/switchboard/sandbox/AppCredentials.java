package io.switchboard.sandbox;

import io.switchboard.identity.CurrentOperator;
import io.switchboard.platform.SandboxSecret;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The sandbox's app: its secret is {@code switchboard.instagram.app-secret} when one is configured, otherwise the one
 * it generated into its own table. The calls that act as the app (the code exchange, creating sandbox accounts,
 * debug_token) need that secret, or the session of an operator who may change things; without either they are
 * refused, so nobody who merely reaches the sandbox can mint accounts and tokens.
 */
@Component
@Conditional(SandboxEnabled.class)
class AppCredentials implements SandboxSecret {
    private final BehaviourStore behaviour;
    private final @Nullable String configured;

    AppCredentials(BehaviourStore behaviour, Environment environment) {
        this.behaviour = behaviour;
        String secret = environment.getProperty("switchboard.instagram.app-secret");
        this.configured = secret == null || secret.isBlank() ? null : secret;
    }

    @Override
    public String clientSecret() {
        return configured != null ? configured : behaviour.clientSecret();
    }

    /** @throws GraphFault unless the secret is the app's or an operator's session makes the call */
    void check(@Nullable String presentedSecret) {
        if (CurrentOperator.get().map(CurrentOperator::canChange).orElse(false)) {
            return;
        }
        if (presentedSecret == null || !MessageDigest.isEqual(clientSecret().getBytes(StandardCharsets.UTF_8),
                presentedSecret.getBytes(StandardCharsets.UTF_8))) {
            throw new GraphFault(101, null, "Error validating client secret.", "OAuthException", 400);
        }
    }
}
