package io.switchboard.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** At most so many password checks run at once; one more waits briefly, then is turned away unchecked. */
class PasswordChecksTest {

    @Test
    void a_check_beyond_the_cap_waits_then_is_turned_away_without_running() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, Duration.ofMillis(300));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> checks.run(() -> {
            running.countDown();
            await(release);
            return "first";
        }));
        running.await();
        boolean[] ran = {false};
        assertThatThrownBy(() -> checks.run(() -> ran[0] = true)).isInstanceOf(PasswordChecks.Busy.class);
        assertThat(ran[0]).isFalse();

        release.countDown();
        assertThat(first.get()).isEqualTo("first");
        assertThat(checks.run(() -> "next")).as("a permit is free again").isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
