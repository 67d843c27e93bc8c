package io.gureum.console.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandWordsTest {

    @Test
    void words_are_split_at_spaces_and_quotes_keep_spaces_in_one_word() {
        assertThat(CommandWords.split("  cat   /etc/os-release ")).containsExactly("cat", "/etc/os-release");
        assertThat(CommandWords.split("sh -c 'echo $HOME; ls' \"two words\" a'b c'd"))
                .containsExactly("sh", "-c", "echo $HOME; ls", "two words", "ab cd");
        assertThat(CommandWords.split("printf ''")).containsExactly("printf", "");
    }

    @Test
    void shell_characters_are_plain_text_because_no_shell_reads_the_command() {
        assertThat(CommandWords.split("echo $(id) `id` ; rm -rf / | tee x > y &"))
                .containsExactly("echo", "$(id)", "`id`", ";", "rm", "-rf", "/", "|", "tee", "x", ">", "y", "&");
    }

    @Test
    void an_unclosed_quote_control_characters_and_blank_commands_are_refused_for_the_command_field() {
        assertThatThrownBy(() -> CommandWords.split("echo 'oops")).isInstanceOf(ContainerValidationException.class)
                .hasMessageContaining("not closed")
                .satisfies(e -> assertThat(((ContainerValidationException) e).field()).isEqualTo("command"));
        assertThatThrownBy(() -> CommandWords.split("echo\nid")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> CommandWords.split("   ")).hasMessageContaining("Enter a command");
        assertThatThrownBy(() -> CommandWords.split("x ".repeat(65))).hasMessageContaining("at most 64 words");
    }

    @Test
    void output_lines_get_the_carriage_return_a_terminal_needs_once() {
        assertThat(new String(ContainerOutput.terminalLines("a\nb\r\nc\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("a\r\nb\r\nc\r\n");
    }
}
