package io.switchboard.notifications;

import io.switchboard.tasks.TaskKind;
import io.switchboard.tasks.TaskRequest;

/** The task payload: which delivery to attempt. */
record DeliverWebhook(long deliveryId) {
    static final TaskKind<DeliverWebhook> KIND = TaskKind.of("notifications.webhook", DeliverWebhook.class);

    static TaskRequest<DeliverWebhook> request(long deliveryId) {
        return TaskRequest.of(KIND, new DeliverWebhook(deliveryId));
    }
}
