package io.switchboard.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * At the end of the test run, stops the application instances tests left running (the shared one above all)
 * while their database is still up, so the JVM exits at once instead of waiting on dead connections.
 */
public class TestRunEnd implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        AppInstance.closeAll();
    }
}
