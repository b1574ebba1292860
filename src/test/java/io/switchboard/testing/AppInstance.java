package io.switchboard.testing;

import io.switchboard.SwitchboardApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A whole Switchboard instance started in this JVM on a random port against the given database, as an admin
 * would start one of N replicas.
 */
public final class AppInstance implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** The encryption key every test instance shares (base64 of 32 bytes), like N replicas would. */
    public static final String ENCRYPTION_KEY = "c3dpdGNoYm9hcmQtdGVzdC1lbmNyeXB0aW9uLWtleSE=";
    public static final String MEDIA_SIGNING_KEY = "media-signing-key-for-tests-0123456789abcdef";
    /** The bearer token Prometheus would scrape test instances with. */
    public static final String METRICS_TOKEN = "metrics-token-for-tests-0123456789abcdef";
    /**
     * Media files of test instances: under target/, never the project's ./data; one folder per database (its
     * name is unique to the test run), shared by the instances on that database as N replicas share one mount,
     * never by two databases that both number their media from 1.
     */
    public static final Path MEDIA_DIR = Path.of("target", "test-media");
    /** As a property's value: leave the property out (one the test instances otherwise set). */
    public static final String UNSET = "<unset>";
    private static final java.util.concurrent.atomic.AtomicInteger EMBEDDED = new java.util.concurrent.atomic.AtomicInteger();
    /** System property: instances of this JVM close on SIGTERM, like the application. */
    public static final String SHUTDOWN_HOOK = "switchboard.test.shutdown-hook";
    private static final Set<AppInstance> OPEN = ConcurrentHashMap.newKeySet();
    private final ConfigurableApplicationContext context;

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static AppInstance start(String jdbcUrl, String... properties) {
        return start(jdbcUrl, List.of(), properties);
    }

    /** An instance with extra configuration classes (test-only handlers) added to the application's own. */
    public static AppInstance start(String jdbcUrl, List<Class<?>> extra, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "switchboard.media.local-dir=" + MEDIA_DIR.resolve(databaseName(jdbcUrl))));
        all.addAll(List.of(properties));
        return run(all, extra);
    }

    /** An instance with no database configured: it runs its own embedded PostgreSQL in {@code dataDir}. */
    public static AppInstance startEmbedded(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of("switchboard.embedded-db.data-dir=" + dataDir,
                "switchboard.media.local-dir=" + MEDIA_DIR.resolve("p" + ProcessHandle.current().pid() + "-embedded-"
                        + EMBEDDED.incrementAndGet())));
        all.addAll(List.of(properties));
        return run(all, List.of());
    }

    /**
     * An instance started as an admin starts one with environment variables: {@code environment} is what the process
     * would see in its environment (on top of this JVM's own), and no admin password is given any other way.
     */
    public static AppInstance startWithEnvironment(String jdbcUrl, Map<String, String> environment) {
        Map<String, Object> variables = new LinkedHashMap<>(System.getenv());
        variables.putAll(environment);
        var standard = new StandardEnvironment();
        standard.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        List<String> all = new ArrayList<>(defaults());
        all.removeIf(p -> p.startsWith("switchboard.identity.admin-password=")
                || p.startsWith("spring.datasource.hikari.maximum-pool-size="));
        all.addAll(List.of("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "switchboard.media.local-dir=" + MEDIA_DIR.resolve(databaseName(jdbcUrl))));
        AppInstance instance = new AppInstance(new SpringApplicationBuilder(SwitchboardApplication.class)
                .environment(standard)
                .registerShutdownHook(false)
                .run(lastWins(all)));
        OPEN.add(instance);
        return instance;
    }

    private static List<String> defaults() {
        return List.of(
                "server.port=0",
                "spring.datasource.hikari.maximum-pool-size=8",
                "switchboard.identity.admin-password=" + ADMIN_PASSWORD,
                "switchboard.identity.metrics-token=" + METRICS_TOKEN,
                // every test instance talks to its own sandbox of the Graph API, never to Meta
                "switchboard.platform.mode=sandbox",
                "switchboard.encryption.key=" + ENCRYPTION_KEY,
                "switchboard.media.signing-key=" + MEDIA_SIGNING_KEY,
                // test instances look at a container the sandbox processes (3 s) after 300 ms and then at most every
                // second, not after 3 s growing to a minute (the product's pace for Meta's minutes): a publish in a
                // test takes the sandbox's processing time, not twice it. A test that proves the pace sets its own.
                "switchboard.publishing.poll-first=300ms",
                "switchboard.publishing.poll-max=1s");
    }

    private static AppInstance run(List<String> properties, List<Class<?>> extra) {
        List<String> all = new ArrayList<>(defaults());
        all.addAll(properties);
        // as command-line arguments, so they win over application.yml like an admin's settings would
        AppInstance instance = new AppInstance(new SpringApplicationBuilder(SwitchboardApplication.class)
                .sources(extra.toArray(Class<?>[]::new))
                // a child JVM stops on SIGTERM the way the application does (Spring's shutdown hook); in the test
                // JVM the tests close instances themselves
                .registerShutdownHook(Boolean.getBoolean(SHUTDOWN_HOOK))
                .run(lastWins(all)));
        OPEN.add(instance);
        return instance;
    }

    private static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /**
     * A property given twice counts once, with its last value (Spring would join them with a comma); one given
     * last as {@link #UNSET} is not set at all, as if the admin had left it out.
     */
    private static String[] lastWins(List<String> properties) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            byName.remove(property.substring(0, equals));
            byName.put(property.substring(0, equals), property.substring(equals + 1));
        }
        byName.values().removeIf(UNSET::equals);
        return byName.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
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
        OPEN.remove(this);
        context.close();
    }

    /** Closes every instance still running, before the test database goes away (end of the test run). */
    static void closeAll() {
        List.copyOf(OPEN).forEach(AppInstance::close);
    }
}
