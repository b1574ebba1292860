package io.switchboard.infrastructure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.util.Arrays;

/**
 * The deploy-job switch: {@code --switchboard.migrate-only=true} (or {@code SWITCHBOARD_MIGRATE_ONLY=true})
 * applies the database migrations and exits, starting neither the web server nor any runner.
 */
public final class MigrateOnly {
    static final String PROPERTY = "switchboard.migrate-only";

    private MigrateOnly() {
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--" + PROPERTY + "=true")
                || Arrays.asList(args).contains("--" + PROPERTY)
                || "true".equalsIgnoreCase(System.getenv("SWITCHBOARD_MIGRATE_ONLY"))
                || "true".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** Applies the migrations; returns the process exit code. */
    public static int run(String[] args) {
        SpringApplication application = new SpringApplication(Migrations.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(args)) {
            return SpringApplication.exit(context);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedDatabaseSettings.class)
    @Import(EmbeddedPostgresConfiguration.class)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class Migrations {
    }
}
