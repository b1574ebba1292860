package io.switchboard.identity;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No multipart body is read before authorization: a request is answered while most of its body is still unsent, and
 * nothing lands in the container's spool folder (where Tomcat writes parts as it parses them). Before this guard the
 * CSRF filter's parameter lookup made Tomcat parse and spool an anonymous upload to any page.
 */
class MultipartGuardTest {
    private static final String BOUNDARY = "----switchboard-test-boundary";
    private static final long DECLARED = 50L * 1024 * 1024;
    private static AppInstance app;
    private static Path spool;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        ServletContext servlet = ((WebApplicationContext) app.context()).getServletContext();
        spool = ((File) servlet.getAttribute(ServletContext.TEMPDIR)).toPath();
    }

    @Test
    void anonymous_multipart_posts_are_answered_unread_and_spool_nothing() throws Exception {
        for (String path : new String[]{"/login", "/accounts/import", "/media/upload", "/media/files/1/publishable.mp4",
                "/sandbox/graph/v25.0/me", "/actuator/prometheus"}) {
            Set<Path> before = spooled();
            String status = postPartially(path, null);
            assertThat(status).as(path).matches("HTTP/1.1 [34]\\d\\d .*");
            assertThat(spooled()).as("spool folder after %s", path).isEqualTo(before);
        }
    }

    @Test
    void a_viewer_gets_no_further_and_an_operators_oversized_import_is_refused_before_reading() throws Exception {
        String viewer = Operators.create(app, "VIEWER");
        String viewerCookie = Operators.signedIn(app, viewer, Operators.PASSWORD).sessionCookie(app.url("/"));
        Set<Path> before = spooled();
        assertThat(postPartially("/accounts/import", viewerCookie)).startsWith("HTTP/1.1 403");

        String operator = Operators.create(app, "OPERATOR");
        String operatorCookie = Operators.signedIn(app, operator, Operators.PASSWORD).sessionCookie(app.url("/"));
        assertThat(postPartially("/accounts/import", operatorCookie)).startsWith("HTTP/1.1 413");
        assertThat(postPartially("/proxies/import", operatorCookie)).startsWith("HTTP/1.1 413");
        assertThat(spooled()).isEqualTo(before);
    }

    @Test
    void a_multipart_body_to_a_page_that_takes_none_is_refused_even_for_an_operator() throws Exception {
        String operator = Operators.create(app, "OPERATOR");
        WebSession session = Operators.signedIn(app, operator, Operators.PASSWORD);
        Set<Path> before = spooled();
        assertThat(postPartially("/accounts/1/settings", session.sessionCookie(app.url("/")))).startsWith("HTTP/1.1 415");
        assertThat(spooled()).isEqualTo(before);
    }

    /**
     * Sends the headers of a 50 MB multipart upload and its first 256 KB, then waits for the status line without
     * sending the rest: a server that parsed the body would wait for it (and spool what came) instead of answering.
     */
    private static String postPartially(String path, String cookie) throws IOException {
        Set<Path> before = spooled();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: " + DECLARED + "\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                    + "\r\n"
                    + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[256 * 1024]);
            out.flush();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(spooled()).as("spool folder while %s's body is half sent", path).isEqualTo(before);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    private static Set<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }
}
