package io.gureum.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain|plain",
            "a,b|\"a,b\"",
            "say \"hi\"|\"say \"\"hi\"\"\"",
            "=HYPERLINK(\"http://x\")|\"'=HYPERLINK(\"\"http://x\"\")\"",
            "+1|\"'+1\"",
            "-2+3|\"'-2+3\"",
            "@SUM(A1)|\"'@SUM(A1)\"",
    })
    void cells_are_quoted_and_formulas_defused(String value, String expected) {
        assertThat(AuditCsv.cell(value)).isEqualTo(expected);
    }

    @Test
    void line_breaks_stay_inside_one_quoted_cell_and_rows_end_with_crlf() {
        String csv = AuditCsv.of(List.of(new AuditRecord(1, Instant.parse("2026-01-02T03:04:05Z"), "alice", 7L,
                "project x", "project.renamed", Outcome.SUCCESS, "line1\nline2")));

        assertThat(csv).isEqualTo(AuditCsv.HEADER + "\r\n"
                + "2026-01-02T03:04:05Z,alice,7,project x,project.renamed,SUCCESS,\"line1\nline2\"\r\n");
    }

    @Test
    void a_tab_led_cell_is_defused_too() {
        assertThat(AuditCsv.cell("\t=1")).isEqualTo("\"'\t=1\"");
    }
}
