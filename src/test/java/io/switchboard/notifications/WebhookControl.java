package io.switchboard.notifications;

import io.switchboard.testing.AppInstance;

import java.util.Map;

/** Webhook deliveries for tests in any package, made as the modules' events make them. */
public final class WebhookControl {
    private WebhookControl() {
    }

    /** Queues a delivery of {@code event} to every endpoint subscribed to it, named by {@code occurrence}. */
    public static void send(AppInstance app, WebhookEvent event, String occurrence, Map<String, ?> data) {
        app.bean(Webhooks.class).send(event, occurrence, data);
    }
}
