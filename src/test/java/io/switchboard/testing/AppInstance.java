package io.switchboard.testing;

import io.switchboard.SwitchboardApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole Switchboard instance started in this JVM on a random port against the given database, as an admin
 * would start one of N replicas.
 */
public final class AppInstance implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private final ConfigurableApplicationContext context;

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static AppInstance start(String jdbcUrl, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "spring.datasource.hikari.maximum-pool-size=8",
                "switchboard.identity.admin-password=" + ADMIN_PASSWORD,
                "spring.thymeleaf.cache=false"));
        all.addAll(List.of(properties));
        return new AppInstance(new SpringApplicationBuilder(SwitchboardApplication.class)
                .properties(all.toArray(String[]::new))
                .run());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
