package io.switchboard.testing;

/**
 * One Switchboard instance per test JVM on its own fresh database, shared by the tests that need a running
 * application but not a private one (like Spring's test-context cache). Tests that share it keep their data
 * apart by name; they never assume an empty database.
 */
public final class SharedApp {
    private static AppInstance instance;

    private SharedApp() {
    }

    public static synchronized AppInstance get() {
        if (instance == null) {
            instance = AppInstance.start(TestPostgres.freshDatabase());
        }
        return instance;
    }

    public static String url(String path) {
        return get().url(path);
    }
}
