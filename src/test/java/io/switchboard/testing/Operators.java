package io.switchboard.testing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Test operators, created the way an admin creates them: through the Operators page over HTTP. */
public final class Operators {
    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Operators() {
    }

    /** A new operator with a unique name and {@link #PASSWORD}; returns the username. */
    public static String create(AppInstance app, String role) {
        String username = role.toLowerCase() + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        WebSession admin = admin(app);
        admin.get(app.url("/operators"));
        var created = admin.post(app.url("/operators"), Map.of("username", username, "role", role, "password", PASSWORD));
        assertThat(created.statusCode()).as("creating operator %s", username).isEqualTo(302);
        return username;
    }

    /** An HTTP client signed in as the first admin. */
    public static WebSession admin(AppInstance app) {
        return signedIn(app, "admin", AppInstance.ADMIN_PASSWORD);
    }

    public static WebSession signedIn(AppInstance app, String username, String password) {
        WebSession session = new WebSession();
        var login = session.login(app.url(""), username, password);
        assertThat(login.headers().firstValue("Location").orElse("")).as("sign-in of %s", username)
                .doesNotContain("/login");
        return session;
    }
}
