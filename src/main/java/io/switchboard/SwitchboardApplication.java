package io.switchboard;

import io.switchboard.infrastructure.MigrateOnly;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one Switchboard deployable: dashboard and background runners. Every instance is identical.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SwitchboardApplication {

    public static void main(String[] args) {
        try {
            application().run(args);
        } catch (MigrateOnly.Requested requested) {
            System.exit(MigrateOnly.run(args));
        }
    }

    /** The application as {@code main} starts it: with {@code switchboard.migrate-only} it stops before any bean. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SwitchboardApplication.class);
        MigrateOnly.watch(application);
        return application;
    }
}
