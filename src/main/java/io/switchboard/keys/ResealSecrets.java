package io.switchboard.keys;

import io.switchboard.infrastructure.SealedSecrets;
import io.switchboard.infrastructure.SecretBox;
import io.switchboard.infrastructure.SecretUnreadable;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Re-seals every secret sealed with a previous key, module by module, in small batches (each its own
 * transaction, so a crash loses nothing and a second run goes on where the first stopped), with progress.
 */
@Component
class ResealSecrets implements TaskHandler<ResealSecrets.Reseal> {
    static final TaskKind<Reseal> KIND = TaskKind.of("keys.reseal", Reseal.class);
    private static final int BATCH = 100;
    private final List<SealedSecrets> holders;
    private final SecretBox box;

    /** @param keyId the newest key when the re-seal was asked for; every instance must seal with it */
    record Reseal(String keyId) {
    }

    ResealSecrets(List<SealedSecrets> holders, SecretBox box) {
        this.holders = holders;
        this.box = box;
    }

    @Override
    public TaskKind<Reseal> kind() {
        return KIND;
    }

    @Override
    public Outcome handle(Reseal payload, TaskContext context) {
        if (!payload.keyId().equals(box.keyId())) {
            return Outcome.failedPermanently("This re-seal is for key " + payload.keyId() + " but this instance seals "
                    + "with " + box.keyId() + ": give every instance the same SWITCHBOARD_ENCRYPTION_KEY; the next "
                    + "start with previous keys set asks for a new re-seal.");
        }
        long total = holders.stream().mapToLong(SealedSecrets::sealedWithOlderKeys).sum();
        long done = 0;
        context.progress(0, total);
        try {
            for (SealedSecrets holder : holders) {
                for (int resealed = holder.resealSome(BATCH); resealed > 0; resealed = holder.resealSome(BATCH)) {
                    done += resealed;
                    context.count(holder.description(), resealed);
                    context.progress(done, Math.max(total, done));
                    if (context.cancelRequested() || !context.leaseHeld()) {
                        return Outcome.cancelled("Stopped after " + done + " of " + total + " secrets; the rest keep "
                                + "their previous key until the next re-seal.");
                    }
                }
            }
        } catch (SecretUnreadable e) {
            return Outcome.failedPermanently(e.getMessage() + " Nothing after it was re-sealed; fix the keys and "
                    + "restart an instance to re-seal the rest.");
        }
        context.progress(done, done);
        context.info("Re-sealed " + done + " secret(s) with key " + box.keyId() + ". None is sealed with an older key "
                + "now: SWITCHBOARD_ENCRYPTION_PREVIOUS_KEYS can be removed (after an hour, so imports checked "
                + "before the rotation and not yet confirmed still open).");
        return Outcome.completed();
    }
}
