package io.switchboard.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Sends one alert message by email (Spring Mail) and to a chat's incoming webhook (Slack or Teams format). */
@Component
class AlertChannels {
    private static final Logger log = LoggerFactory.getLogger(AlertChannels.class);
    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationSettings settings;
    private final WebhookTargets targets;
    private final JsonMapper json;
    private final HttpClient http;

    AlertChannels(ObjectProvider<JavaMailSender> mail, NotificationSettings settings, WebhookTargets targets,
                  JsonMapper json) {
        this.mail = mail;
        this.settings = settings;
        this.targets = targets;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.deliveryTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    record Message(String title, String text, String link) {
    }

    void send(AlertPreferences to, Message message) {
        if (to.email() != null) {
            email(to.email(), message);
        }
        if (to.chatUrl() != null && to.chatFormat() != null) {
            chat(to.chatUrl(), to.chatFormat(), message);
        }
    }

    private void email(String address, Message message) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            log.warn("An alert for {} was not mailed: no mail server is configured (spring.mail.host)", address);
            return;
        }
        SimpleMailMessage mailMessage = new SimpleMailMessage();
        mailMessage.setFrom(settings.mailFrom());
        mailMessage.setTo(address);
        mailMessage.setSubject("Switchboard: " + message.title());
        mailMessage.setText(message.text() + "\n\nSee them: " + message.link() + "\n");
        sender.send(mailMessage);
    }

    private void chat(String url, ChatFormat format, Message message) {
        Object body = switch (format) {
            case SLACK -> Map.of("text", "*" + message.title() + "*\n" + message.text() + "\n<" + message.link() + "|Open in Switchboard>");
            case TEAMS -> Map.of("type", "message", "attachments", List.of(Map.of(
                    "contentType", "application/vnd.microsoft.card.adaptive",
                    "content", Map.of("type", "AdaptiveCard", "version", "1.4",
                            "$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
                            "body", List.of(Map.of("type", "TextBlock", "text", message.title(), "weight", "Bolder", "wrap", true),
                                    Map.of("type", "TextBlock", "text", message.text(), "wrap", true)),
                            "actions", List.of(Map.of("type", "Action.OpenUrl", "title", "Open in Switchboard",
                                    "url", message.link()))))));
        };
        try {
            var response = http.send(HttpRequest.newBuilder(targets.check(url)).timeout(settings.deliveryTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("The chat webhook answered {} to an alert", response.statusCode());
            }
        } catch (IOException | WebhookProblem e) {
            log.warn("An alert could not be sent to the chat: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
