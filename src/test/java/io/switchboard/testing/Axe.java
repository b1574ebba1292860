package io.switchboard.testing;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.util.List;

/** axe-core, every rule it has, over the page as it is now. */
public final class Axe {
    private Axe() {
    }

    /**
     * What axe finds wrong with the page. A page without frames of its own (every page Switchboard serves) is
     * checked by one {@code axe.run} inside it: the same rules on the same document as the frame-by-frame
     * {@code runPartial}/{@code finishRun} that {@link AxeBuilder} does by default, which also injects axe a second
     * time into a blank page of its own and sends every partial result through Playwright twice: about twice the
     * cost (1.2 to 4 times on the page tour's 84 visits, with the same violations both ways on every one). A page
     * that has frames gets the frame-by-frame run. An axe run that fails fails the test: it never reads as no
     * violation.
     * <p>
     * Only violations are asked for ({@code resultTypes}): every rule still runs on every node, but axe no longer
     * gathers, and Playwright no longer carries, every node that passed. On the page tour's 84 visits that made the
     * checks 29 % quicker (175 s against 124 s on a loaded machine, both run on each visit) with the same violations
     * on every one.
     */
    public static List<Rule> violations(Page page) {
        AxeRunOptions options = new AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        AxeResults results = new AxeBuilder(page).setLegacyMode(page.frames().size() == 1).options(options).analyze();
        if (results.getErrorMessage() != null) {
            throw new AssertionError("axe-core could not check " + page.url() + ": " + results.getErrorMessage());
        }
        return results.getViolations();
    }
}
