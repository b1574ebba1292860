package io.switchboard.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What exports write: cells a spreadsheet would run as formulas are defused. */
class CsvTest {

    @Test
    void cells_starting_like_a_formula_tab_or_carriage_return_included_get_a_leading_quote() {
        assertThat(Csv.record(List.of("=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd", "plain", "a=b")))
                .isEqualTo("'=1+1,'+1,'-1,'@SUM(A1),'\t=cmd,\"'\r=cmd\",plain,a=b\r\n");
    }
}
