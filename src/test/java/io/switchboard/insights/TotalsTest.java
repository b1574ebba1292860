package io.switchboard.insights;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TotalsTest {
    @Test
    void the_engagement_percent_reads_as_the_formatter_writes_it_at_every_rounding_boundary() {
        // every ratio of small counts (where .x5 ties are common), then large heavy-tailed ones
        for (long reach = 0; reach <= 200; reach++) {
            for (long interactions = 0; interactions <= reach * 3; interactions++) {
                same(interactions, reach);
            }
        }
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 20_000; i++) {
            long reach = 1 + (long) (Math.pow(random.nextDouble(), 8) * 50_000_000);
            same(random.nextLong(0, reach * 2 + 1), reach);
        }
        assertThat(new Totals(1, 0, 40, 1, 0, 0, 0, 0).engagementPercent()).isEqualTo("2.5 %");
        assertThat(new Totals(1, 0, 0, 5, 0, 0, 0, 0).engagementPercent()).isEqualTo("0.0 %");
    }

    private static void same(long interactions, long reach) {
        Totals totals = new Totals(1, 0, reach, interactions, 0, 0, 0, 0);
        String expected = String.format(Locale.ROOT, "%.1f %%", totals.engagementRate() * 100);
        if (!totals.engagementPercent().equals(expected)) {
            assertThat(totals.engagementPercent()).as(interactions + " / " + reach).isEqualTo(expected);
        }
    }
}
