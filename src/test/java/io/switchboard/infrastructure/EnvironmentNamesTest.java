package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable docs/configuration.md names sets the property it names, as the application reads its
 * configuration (application.yml included); and the first admin's password really comes from
 * {@code SWITCHBOARD_ADMIN_PASSWORD}.
 */
class EnvironmentNamesTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void every_variable_the_configuration_reference_lists_binds_to_its_property() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher matcher = ROW.matcher(Files.readString(Path.of("docs", "configuration.md")));
        while (matcher.find()) {
            if (!matcher.group(1).contains("<") && !matcher.group(2).contains("<")) {
                rows.put(matcher.group(1), matcher.group(2));
            }
        }
        assertThat(rows).hasSizeGreaterThan(60).containsEntry("switchboard.identity.admin-password",
                "SWITCHBOARD_ADMIN_PASSWORD");
        // tasks.ConnectionPoolSizing reads this variable itself (the pool is sized from the queues unless it is
        // set): the instance started below proves it
        assertThat(rows.remove("spring.datasource.hikari.maximum-pool-size")).isEqualTo("SWITCHBOARD_DB_POOL_SIZE");
        Map<String, Object> environment = new LinkedHashMap<>();
        rows.values().forEach(variable -> environment.put(variable, "value-of-" + variable));
        var standard = new StandardEnvironment();
        standard.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingElse.class)
                .web(WebApplicationType.NONE).environment(standard).logStartupInfo(false).run()) {
            var bound = context.getEnvironment();
            assertThat(rows).allSatisfy((property, variable) -> assertThat(bound.getProperty(property))
                    .as("%s set by %s", property, variable).isEqualTo("value-of-" + variable));
        }
    }

    @Test
    void switchboard_admin_password_sets_the_first_admins_password_and_the_pool_size_its_pool() {
        try (AppInstance app = AppInstance.startWithEnvironment(TestPostgres.freshDatabase(),
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", "from-the-environment-42", "SWITCHBOARD_DB_POOL_SIZE", "11"))) {
            assertThat(app.bean(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize()).isEqualTo(11);
            var login = new WebSession().login(app.url(""), "admin", "from-the-environment-42");
            assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("/login");
        }
    }

    /** Only the configuration files and environment post-processors: no beans, no server. */
    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }
}
