package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded headers are believed only from a configured proxy: the same forged X-Forwarded-For is ignored from
 * 127.0.0.1 (not a proxy in this test) and taken from 127.0.0.2 (the configured one). What the application sees
 * is the request's remote address, the one the sign-in throttle counts by.
 */
class ForwardedHeadersTest {
    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(Echo.class),
                "server.tomcat.remoteip.internal-proxies=127.0.0.2/32");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_forged_address_from_a_client_that_is_no_proxy_is_ignored() throws Exception {
        assertThat(seenFrom("127.0.0.1")).isEqualTo("127.0.0.1 http " + app.port());
    }

    @Test
    void the_address_a_trusted_proxy_forwards_is_the_client_address() throws Exception {
        assertThat(seenFrom("127.0.0.2")).isEqualTo("203.0.113.9 https 8443");
    }

    /** What the application saw: remote address, scheme and server port. */
    private static String seenFrom(String localAddress) throws Exception {
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + Echo.PATH))
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "8443").build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Configuration(proxyBeanMethods = false)
    static class Echo {
        static final String PATH = "/test/what-the-app-sees";

        @Bean
        FilterRegistrationBean<Filter> echo() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                response.getWriter().write(request.getRemoteAddr() + " " + request.getScheme() + " "
                        + request.getServerPort());
            });
            registration.addUrlPatterns(PATH);
            // after Spring's own forwarded-header filter, were it on, and before sign-in: where the throttle looks
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }
    }
}
