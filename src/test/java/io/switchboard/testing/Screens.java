package io.switchboard.testing;

import com.microsoft.playwright.Page;

/** Screenshots of a page at the two widths every page must work at, for a person to look at. */
public final class Screens {
    private Screens() {
    }

    /** The whole page at 1440 and at 390 pixels wide, as {@code <name>-1440.png} and {@code <name>-390.png}. */
    public static void both(Page page, String name) {
        var before = page.viewportSize();
        page.setViewportSize(1440, 900);
        Browser.screenshot(page, name + "-1440");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, name + "-390");
        page.setViewportSize(before.width, before.height);
    }
}
