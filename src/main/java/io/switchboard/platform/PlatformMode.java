package io.switchboard.platform;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.util.Locale;

/** Whether the adapters talk to the platforms themselves or to the sandbox's emulators of them. */
public enum PlatformMode {
    /** The built-in offline emulators the app serves under {@code /sandbox}. */
    SANDBOX,
    /** The platforms' own APIs. */
    LIVE;

    public static final String PROPERTY = "switchboard.platform.mode";

    /**
     * {@code switchboard.platform.mode} when set; otherwise the sandbox when no {@code spring.datasource.url}
     * is set (the embedded database, a machine of one's own) and live when one is.
     */
    public static PlatformMode of(Environment environment) {
        String configured = environment.getProperty(PROPERTY);
        if (StringUtils.hasText(configured)) {
            return valueOf(configured.strip().toUpperCase(Locale.ROOT));
        }
        return StringUtils.hasText(environment.getProperty("spring.datasource.url")) ? LIVE : SANDBOX;
    }
}
