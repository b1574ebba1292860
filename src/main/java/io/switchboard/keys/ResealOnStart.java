package io.switchboard.keys;

import io.switchboard.infrastructure.SealedSecrets;
import io.switchboard.infrastructure.SecretBox;
import io.switchboard.tasks.Submitted;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * An instance that starts with previous keys beside the newest asks for one re-seal (one for the whole cluster:
 * the task's unique key), unless nothing is sealed with an older key any more.
 */
@Component
class ResealOnStart {
    private static final Logger log = LoggerFactory.getLogger(ResealOnStart.class);
    private final List<SealedSecrets> holders;
    private final SecretBox box;
    private final Tasks tasks;

    ResealOnStart(List<SealedSecrets> holders, SecretBox box, Tasks tasks) {
        this.holders = holders;
        this.box = box;
        this.tasks = tasks;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resealIfKeysRotated() {
        if (box.keyIds().size() < 2) {
            return;
        }
        long older = holders.stream().mapToLong(SealedSecrets::sealedWithOlderKeys).sum();
        if (older == 0) {
            log.info("Encryption keys: sealing with {}; no stored secret uses the previous keys {} any more, they can "
                    + "be removed", box.keyId(), box.keyIds().subList(1, box.keyIds().size()));
            return;
        }
        Submitted submitted = tasks.submit(TaskRequest.of(ResealSecrets.KIND, new ResealSecrets.Reseal(box.keyId()))
                .withQueue("maintenance").withUniqueKey(ResealSecrets.KIND.name()).withMaxAttempts(3));
        log.info("Encryption keys: sealing with {}; {} stored secret(s) use a previous key: re-seal task #{} moves them "
                + "to the newest", box.keyId(), older, submitted.id());
    }
}
