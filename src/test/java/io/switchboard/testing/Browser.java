package io.switchboard.testing;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium, the system's own (Debian's packages), driven by Playwright. One per test class; each
 * {@link #newPage()} is a fresh browser context, like a new private window. Headless runs use the old headless shell
 * ({@code chromium-headless-shell}, the same Blink as the full browser without its user interface) when it is
 * installed, as Playwright itself does for headless Chromium; otherwise the full browser in its new headless mode.
 */
public final class Browser implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final Playwright playwright;
    /** The old headless shell: Playwright's own choice for headless Chromium, lighter per navigation. */
    public static final String HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
    /** The full browser (Debian's wrapper script), run in its new headless mode. */
    public static final String FULL = "/usr/bin/chromium";
    private final com.microsoft.playwright.Browser chromium;
    private final String executable;
    private final List<String> extraArgs;

    public Browser() {
        this(executable());
    }

    /** A browser from this executable (a benchmark comparing the headless shell with the full browser). */
    public Browser(String executable) {
        this(executable, List.of());
    }

    /** A browser from this executable with these switches beside the usual ones (a benchmark trying a switch). */
    public Browser(String executable, List<String> extraArgs) {
        this.executable = executable;
        this.extraArgs = List.copyOf(extraArgs);
        List<String> args = new java.util.ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage"));
        args.addAll(this.extraArgs);
        // assertions wait as long as actions do: a loaded 2-core machine (two test JVMs, child instances) answers a
        // form's POST in more than Playwright's default 5 s now and then
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(executable))
                .setHeadless(true)
                .setArgs(args));
    }

    /** The executable {@link #Browser()} runs: {@code CHROMIUM}, else the headless shell, else the full browser. */
    public static String executableInUse() {
        return executable();
    }

    private static String executable() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String candidate : List.of(HEADLESS_SHELL, FULL, "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No Chromium found: install Debian's chromium-headless-shell and chromium "
                + "packages (apt-get install chromium-headless-shell chromium) or set CHROMIUM to its path");
    }

    /**
     * Which browser this is: its executable's file name ({@code chromium-headless-shell}, {@code chromium}), followed
     * by any extra switches.
     */
    public String name() {
        return Path.of(executable).getFileName().toString() + String.join("", extraArgs);
    }

    public Page newPage() {
        Page page = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 860)).newPage();
        page.setDefaultTimeout(15_000);
        return page;
    }

    /** A page whose browser runs no JavaScript: what the pages must still do without htmx. */
    public Page newPageWithoutScript() {
        Page page = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 860).setJavaScriptEnabled(false)).newPage();
        page.setDefaultTimeout(15_000);
        return page;
    }

    /** Signs in through the login page and waits for the page it lands on. */
    public static void signIn(Page page, AppInstance app, String username, String password) {
        page.navigate(app.url("/login"));
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForLoadState();
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.evaluate("window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        GuideImages.maybeWrite(page, name);
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
