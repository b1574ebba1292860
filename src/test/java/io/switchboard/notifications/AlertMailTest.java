package io.switchboard.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.publishing.PostsHeld;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/** Alerts by email (read back from GreenMail) and chat, one message per cause, to whoever chose that kind. */
class AlertMailTest {
    private static GreenMail mail;
    private static AppInstance app;

    @BeforeAll
    static void start() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        app = AppInstance.start(TestPostgres.freshDatabase(), "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + mail.getSmtp().getPort(), "switchboard.notifications.alert-every=1s",
                "switchboard.notifications.alert-quiet=3s", "switchboard.notifications.allow-private-targets=true",
                "switchboard.notifications.base-url=https://switchboard.example.com");
    }

    @AfterAll
    static void stop() {
        app.close();
        mail.stop();
    }

    @Test
    void forty_posts_held_by_one_proxy_make_one_mail_and_one_chat_message_with_a_link() throws Exception {
        List<String> chat = new CopyOnWriteArrayList<>();
        HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/slack", exchange -> {
            chat.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
        try {
            Alerts alerts = app.bean(Alerts.class);
            alerts.save("maria", new AlertPreferences("maria@example.com",
                    "http://127.0.0.1:" + slack.getAddress().getPort() + "/slack", ChatFormat.SLACK,
                    Set.of(AlertKind.POSTS_HELD), false));
            alerts.save("proxy-watcher", new AlertPreferences("watcher@example.com", null, null,
                    Set.of(AlertKind.PROXY_DOWN), false));
            alerts.save("digest-reader", new AlertPreferences("digest@example.com", null, null,
                    Set.of(AlertKind.POSTS_HELD), true));
            String reason = "Proxy lab-down is down (connection refused); the posts go out when it is up again.";
            ApplicationEventPublisher events = app.context();
            for (int account = 1; account <= 40; account++) {
                long id = account;
                app.bean(TransactionTemplate.class).executeWithoutResult(s ->
                        events.publishEvent(new PostsHeld(id, List.of(1000 + id), "route", reason)));
                Thread.sleep(50);
            }
            eventually(Duration.ofSeconds(60), () -> assertThat(mail.getReceivedMessages()).isNotEmpty());
            Thread.sleep(5000);
            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("maria@example.com");
            assertThat(received[0].getSubject()).isEqualTo("Switchboard: 40 posts held: " + reason);
            assertThat(GreenMailUtil.getBody(received[0])).contains(reason, "https://switchboard.example.com/");
            assertThat(chat).hasSize(1);
            assertThat(chat.getFirst()).contains("40 posts held", "<https://switchboard.example.com/|Open in Switchboard>");
        } finally {
            slack.stop(0);
        }
    }
}
