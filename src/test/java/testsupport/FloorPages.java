package testsupport;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages benchmark's floor: the app's layout with nothing in it ({@code /bench/floor}), served as every page is
 * (signed in, the security filters, the session, the layout's model attributes, the site's stylesheet and scripts).
 * Outside {@code io.switchboard} so that no other test's application scans it: a test that wants it passes it to
 * {@code AppInstance.start} as an extra source.
 */
@Controller
public class FloorPages {
    public static final String LAYOUT = "/bench/floor";
    /** A static file with nothing in it (src/test/resources/static/bench/empty.html): the least the app can serve. */
    public static final String EMPTY = "/assets/bench/empty.html";

    @GetMapping(LAYOUT)
    String layout() {
        return "bench/floor";
    }
}
