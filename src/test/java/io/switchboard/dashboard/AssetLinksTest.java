package io.switchboard.dashboard;

import org.junit.jupiter.api.Test;
import org.springframework.util.AntPathMatcher;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The prefix check answers as {@link AntPathMatcher} does for the static patterns and the links pages write. */
class AssetLinksTest {
    private static final List<String> PATTERNS = List.of("/assets/**", "/webjars/**", "/**", "/a/b*/**", "/a/{x}/c",
            "/a/?/**", "/assets/css/*.css", "/assets");
    private static final List<String> PATHS = List.of("/assets/css/switchboard.css", "/assets", "/assets/", "/assetsx/y",
            "/webjars/htmx.org/dist/htmx.min.js", "/webjars", "/campaigns/1/results", "/accounts/5/insights", "/",
            "", "//assets/x", "/x//assets", "assets/css/a.css", "/a/bc/d", "/a/b", "/a/x/c", "/a/z/q", "/a/",
            "/reports?from=2026-10-01&to=2026-10-30", "/assets/css/switchboard.css?v=1", "/Assets/css/a.css");

    @Test
    void answers_as_the_ant_matcher_does() {
        AntPathMatcher ant = new AntPathMatcher();
        AssetLinks.PrefixFirst prefixFirst = new AssetLinks.PrefixFirst();
        for (String pattern : PATTERNS) {
            for (String path : PATHS) {
                assertThat(prefixFirst.match(pattern, path)).as(pattern + " against " + path)
                        .isEqualTo(ant.match(pattern, path));
            }
        }
    }
}
