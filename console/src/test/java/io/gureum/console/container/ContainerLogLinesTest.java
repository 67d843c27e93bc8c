package io.gureum.console.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Pre;
import io.gureum.console.ui.Formats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How one line of a container's output reads on its page and in the logs dialog. */
class ContainerLogLinesTest {

    static final Instant AT = Instant.parse("2026-11-28T05:06:07.123456789Z");

    @Test
    void a_line_starts_with_its_time_in_the_consoles_format_then_its_stream() {
        Pre line = ContainerDetailView.logLine(new ContainerLogLine(false, AT, "hello"));

        assertThat(line.getText()).isEqualTo(Formats.time(AT) + "        │ hello");
        assertThat(line.getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} .*");
        assertThat(line.getElement().getAttribute("data-time")).isEqualTo(AT.toString());
        assertThat(line.getElement().hasAttribute("data-stream")).isFalse();
    }

    @Test
    void a_stderr_line_says_so_and_is_marked() {
        Pre line = ContainerDetailView.logLine(new ContainerLogLine(true, AT, "oops"));

        assertThat(line.getText()).isEqualTo(Formats.time(AT) + " stderr │ oops");
        assertThat(line.getElement().getAttribute("data-stream")).isEqualTo("stderr");
    }

    @Test
    void a_line_without_a_time_keeps_the_columns_aligned() {
        Pre line = ContainerDetailView.logLine(new ContainerLogLine(false, null, "no time"));

        assertThat(line.getText()).isEqualTo(" ".repeat(Formats.time(AT).length()) + "        │ no time");
    }
}
