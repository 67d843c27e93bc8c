package io.gureum.console.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {

    @Test
    void a_command_with_spaces_and_semicolons_is_one_single_quoted_word() {
        assertThat(ShellQuoting.shCommand("echo hello; sleep 5")).isEqualTo("sh -c 'echo hello; sleep 5'");
    }

    @Test
    void plain_words_stay_unquoted() {
        assertThat(ShellQuoting.quote(List.of("ls", "-la", "/var/log", "key=value", "a@b:c,d%e+f"))).isEqualTo(
                "ls -la /var/log key=value a@b:c,d%e+f");
    }

    @Test
    void single_quotes_inside_are_closed_escaped_and_reopened() {
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuoting.quote("'")).isEqualTo("''\\'''");
    }

    @Test
    void double_quotes_dollars_backslashes_and_globs_are_kept_literal() {
        assertThat(ShellQuoting.quote("say \"$HOME\" \\ *")).isEqualTo("'say \"$HOME\" \\ *'");
    }

    @Test
    void an_empty_argument_is_shown_as_two_quotes() {
        assertThat(ShellQuoting.quote(List.of("printf", "", "x"))).isEqualTo("printf '' x");
    }

    @Test
    void unicode_is_quoted_and_kept_as_it_is() {
        assertThat(ShellQuoting.quote("héllo 구름")).isEqualTo("'héllo 구름'");
        assertThat(ShellQuoting.quote("구름")).isEqualTo("'구름'");
    }

    @Test
    void a_real_shell_reads_the_quoted_words_back_as_the_same_arguments() throws Exception {
        List<String> arguments = List.of("echo hello; sleep 5", "it's", "", "구름 \"x\" $y `z` \\", "a\nb", "plain");
        // printf '%s\0' prints each argument as the shell split it, NUL-terminated.
        Process shell = new ProcessBuilder("sh", "-c", "printf '%s\\0' " + ShellQuoting.quote(arguments))
                .redirectErrorStream(true).start();
        String out = readAll(shell);
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.split("\0", -1)).containsExactly(
                "echo hello; sleep 5", "it's", "", "구름 \"x\" $y `z` \\", "a\nb", "plain", "");
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
