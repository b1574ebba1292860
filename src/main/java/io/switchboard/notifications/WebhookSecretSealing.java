package io.switchboard.notifications;

import io.switchboard.infrastructure.SealedSecrets;
import io.switchboard.infrastructure.SecretBox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The notifications module's part of a key rotation: webhook signing secrets, re-sealed in place under a row lock. */
@Component
class WebhookSecretSealing implements SealedSecrets {
    private final WebhookRows rows;
    private final SecretBox box;

    WebhookSecretSealing(WebhookRows rows, SecretBox box) {
        this.rows = rows;
        this.box = box;
    }

    @Override
    public String description() {
        return "webhook secrets";
    }

    @Override
    @Transactional(readOnly = true)
    public long sealedWithOlderKeys() {
        return rows.countSecretsSealedWithOtherKeys(box.keyId());
    }

    @Override
    @Transactional
    public int resealSome(int limit) {
        var sealed = rows.lockSecretsSealedWithOtherKeys(box.keyId(), limit);
        sealed.forEach((id, secret) -> rows.resealSecret(id, box.reseal(Webhooks.SECRET_PURPOSE, secret)));
        return sealed.size();
    }
}
