package io.switchboard.dashboard;

import io.switchboard.infrastructure.Durations;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizes and durations as operators write them: "4.2 MB" and "1 h", never "4.2 MiB", "PT1H" or "5E+1". */
class FormatsTest {
    private final Formats formats = new Formats();

    @Test
    void sizes_read_as_people_write_them() {
        assertThat(formats.bytes(812)).isEqualTo("812 B");
        assertThat(formats.bytes(1024 * 1024)).isEqualTo("1 MB");
        assertThat(formats.bytes(4_404_019)).isEqualTo("4.2 MB");
        assertThat(formats.bytes(50L * 1024 * 1024)).isEqualTo("50 MB");
        assertThat(formats.bytes(12_345)).isEqualTo("12 KB");
        assertThat(formats.bytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 GB");
    }

    @Test
    void durations_read_as_people_write_them() {
        assertThat(formats.duration(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(formats.duration(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(formats.duration(Duration.ofSeconds(252))).isEqualTo("4 min 12 s");
        assertThat(formats.duration(Duration.ofHours(51))).isEqualTo("2 d 3 h");
        assertThat(formats.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Durations.adjective(Duration.ofMinutes(60))).isEqualTo("60-minute");
        assertThat(Durations.adjective(Duration.ofHours(3))).isEqualTo("3-hour");
        assertThat(Durations.adjective(Duration.ofSeconds(30))).isEqualTo("30-second");
    }

    @Test
    void counts_group_thousands_as_the_formatter_does() {
        assertThat(formats.count(1234)).isEqualTo("1,234");
        assertThat(formats.count(-1_234_567)).isEqualTo("-1,234,567");
        for (long value : new long[]{0, 7, -7, 999, -999, 1000, -1000, 12_345, 123_456, 1_000_000, -100_000,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            assertThat(formats.count(value)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", value));
        }
    }
}
