package io.switchboard.infrastructure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The deploy-job switch {@code switchboard.migrate-only}: a property like any other (command line, environment
 * variable {@code SWITCHBOARD_MIGRATE_ONLY}, {@code -D}, a config file). Once Spring has read every source of
 * settings and before it creates a single bean, {@link #watch} abandons the application's start when the switch
 * is on; {@link #run} then applies the database migrations and exits, starting neither the web server nor any
 * runner.
 */
public final class MigrateOnly {
    static final String PROPERTY = "switchboard.migrate-only";

    private MigrateOnly() {
    }

    /** Makes the application throw {@link Requested} instead of starting when the switch is on. */
    public static void watch(SpringApplication application) {
        application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event -> {
            String value = event.getEnvironment().getProperty(PROPERTY);
            // a bare --switchboard.migrate-only on the command line reads as an empty value
            if (value != null && (value.isBlank() || Boolean.parseBoolean(value.strip()))) {
                throw new Requested();
            }
        });
    }

    /** Applies the migrations with the same settings; returns the process exit code. */
    public static int run(String[] args) {
        SpringApplication application = new SpringApplication(Migrations.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(args)) {
            return SpringApplication.exit(context);
        }
    }

    /** The start was abandoned because only the migrations were asked for. */
    public static final class Requested extends SpringApplication.AbandonedRunException {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedDatabaseSettings.class)
    @Import(EmbeddedPostgresConfiguration.class)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class Migrations {
    }
}
