package io.switchboard.testing;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.util.List;

/** What every page a test visits must pass: screenshots at 1440 and 390 px, no serious axe violation, no overflow. */
public final class PageChecks {
    private PageChecks() {
    }

    /** Screenshots the page as {@code <name>-1440/390.png} and adds what fails to {@code failures}. */
    public static void check(Page page, String name, List<String> failures) {
        Screens.both(page, name);
        var before = page.viewportSize();
        for (int width : new int[]{1440, 390}) {
            page.setViewportSize(width, width == 390 ? 844 : 900);
            for (Rule rule : Axe.violations(page)) {
                if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                    failures.add(name + " at " + width + ": " + rule.getId() + " " + rule.getNodes().stream()
                            .map(n -> n.getHtml()).limit(2).toList());
                }
            }
            Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
            if (((Number) overflow).intValue() > 1) {
                failures.add(name + " at " + width + " px is " + overflow + " px wider than the window");
            }
        }
        page.setViewportSize(before.width, before.height);
    }
}
