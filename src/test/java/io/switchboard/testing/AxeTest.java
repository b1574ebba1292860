package io.switchboard.testing;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accessibility check every page test leans on finds what it must: asking axe for violations only must not
 * hide a violation, nor any of its nodes.
 */
class AxeTest {
    @Test
    void every_violating_node_is_reported_and_a_clean_page_has_none() {
        try (Browser browser = new Browser()) {
            Page page = browser.newPage();
            page.setContent("<!doctype html><html lang=\"en\"><head><title>Broken</title></head><body><main>"
                    + "<h1>Broken</h1><img src=\"data:,\"><img src=\"data:,\"><img src=\"data:,\" alt=\"a logo\">"
                    + "<button></button></main></body></html>");
            List<Rule> violations = Axe.violations(page);
            assertThat(violations).extracting(Rule::getId).contains("image-alt", "button-name");
            Rule images = violations.stream().filter(rule -> rule.getId().equals("image-alt")).findFirst().orElseThrow();
            assertThat(images.getImpact()).isEqualTo("critical");
            assertThat(images.getNodes()).as("both images without a text alternative, not one").hasSize(2);

            page.setContent("<!doctype html><html lang=\"en\"><head><title>Fine</title></head><body><main>"
                    + "<h1>Fine</h1><img src=\"data:,\" alt=\"a logo\"><button>Save</button></main></body></html>");
            assertThat(Axe.violations(page)).isEmpty();
        }
    }
}
