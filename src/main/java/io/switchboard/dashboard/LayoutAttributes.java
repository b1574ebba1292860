package io.switchboard.dashboard;

import io.switchboard.identity.CurrentOperator;
import io.switchboard.infrastructure.InstanceIdentity;
import io.switchboard.platform.PlatformMode;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout shows on every page: who is signed in, which instance served the page and the version (to
 * operators only), and whether the platform is the sandbox.
 */
@ControllerAdvice
class LayoutAttributes {
    private final InstanceIdentity instance;
    private final PlatformMode mode;
    private final io.switchboard.notifications.Notifications notifications;

    LayoutAttributes(InstanceIdentity instance, PlatformMode mode,
                     io.switchboard.notifications.Notifications notifications) {
        this.instance = instance;
        this.mode = mode;
        this.notifications = notifications;
    }

    /** The signed-in operator's unread notifications (the bell's count). */
    @ModelAttribute("unreadNotifications")
    int unreadNotifications() {
        return CurrentOperator.get().map(me -> notifications.unread(me.username())).orElse(0);
    }

    /** The platform is the built-in sandbox (the Sandbox page exists). */
    @ModelAttribute("sandboxMode")
    boolean sandboxMode() {
        return mode == PlatformMode.SANDBOX;
    }

    @ModelAttribute("me")
    @Nullable CurrentOperator me() {
        return CurrentOperator.get().orElse(null);
    }

    /** Which instance on which host: for operators only, never for a signed-out visitor (an error page). */
    @ModelAttribute("servedBy")
    @Nullable String servedBy() {
        return CurrentOperator.get().isPresent() ? instance.shortId() + " on " + instance.host() : null;
    }

    @ModelAttribute("requestId")
    @Nullable String requestId() {
        return MDC.get("requestId");
    }

    @ModelAttribute("version")
    @Nullable String version() {
        return CurrentOperator.get().isPresent() ? instance.version() : null;
    }
}
