package testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every test class starts signed out, whichever class ran before it in the same thread. {@link SignedIn#as} keeps
 * the operator in a thread-local for the class that set it; without this, a class that forgot to sign in passed
 * or failed by the order the suite happened to run in (CI's order failed where this machine's passed).
 * Registered for every class through {@code junit.jupiter.extensions.autodetection.enabled}.
 */
public final class NoSignInCarriedOver implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        SecurityContextHolder.clearContext();
    }
}
