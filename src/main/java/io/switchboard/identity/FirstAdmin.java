package io.switchboard.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first start (no operators at all) creates {@code admin}, with {@code SWITCHBOARD_ADMIN_PASSWORD}
 * or a random password that is printed once, here and nowhere else.
 */
@Component
class FirstAdmin implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private final Operators operators;
    private final IdentitySettings settings;

    FirstAdmin(Operators operators, IdentitySettings settings) {
        this.operators = operators;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configured = settings.adminPassword();
        boolean random = configured == null || configured.isBlank();
        String password = random ? Operators.randomPassword() : configured;
        if (!operators.createFirstAdmin(password)) {
            return;
        }
        if (random) {
            log.warn("""

                    ============================================================================
                     First start: created operator 'admin' with password {}
                     Sign in and change it under Account. This is the only time it is shown.
                    ============================================================================""", password);
        } else {
            log.info("First start: created operator 'admin' with the password from SWITCHBOARD_ADMIN_PASSWORD");
        }
    }
}
