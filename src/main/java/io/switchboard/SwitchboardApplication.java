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
        if (MigrateOnly.requested(args)) {
            System.exit(MigrateOnly.run(args));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
