package io.gureum.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRuleTest {

    static final NameRule RULE = new NameRule("VM name", "[a-z][a-z0-9-]{0,30}[a-z0-9]|[a-z]",
            "1 to 32 lower-case letters, digits or '-'");

    @Test
    void a_name_with_white_space_at_either_end_is_refused_and_the_message_says_so() {
        assertThat(RULE.problem(" leading-space")).hasValueSatisfying(m -> assertThat(m)
                .isEqualTo("VM name ' leading-space' starts with white space: remove it "
                        + "(1 to 32 lower-case letters, digits or '-')."));
        assertThat(RULE.problem("trailing\t")).hasValueSatisfying(m -> assertThat(m).contains("ends with white space")
                .contains("'trailing?'"));
        assertThat(RULE.problem(" both ")).hasValueSatisfying(m -> assertThat(m).contains("starts and ends"));
        assertThat(RULE.problem("\u00a0nbsp")).isPresent();
    }

    @Test
    void empty_and_blank_names_ask_for_a_name_with_the_rule() {
        assertThat(RULE.problem("")).contains("Enter a VM name: 1 to 32 lower-case letters, digits or '-'.");
        assertThat(RULE.problem(null)).contains("Enter a VM name: 1 to 32 lower-case letters, digits or '-'.");
        assertThat(RULE.problem("   ")).contains("A VM name cannot be only white space: 1 to 32 lower-case letters, "
                + "digits or '-'.");
        assertThat(new NameRule("image name", ".+", "anything").problem("")).contains("Enter an image name: anything.");
    }

    @Test
    void a_valid_name_has_no_problem_and_an_invalid_one_is_quoted_shortened() {
        assertThat(RULE.problem("web-1")).isEmpty();
        String long_ = "X".repeat(100);
        assertThat(RULE.problem(long_)).hasValueSatisfying(m -> assertThat(m)
                .isEqualTo("VM name '" + "X".repeat(40) + "…' is not valid: use 1 to 32 lower-case letters, digits or '-'."));
    }

    @Test
    void echoes_are_at_most_forty_characters_and_show_control_characters_as_question_marks() {
        assertThat(Echo.quoted("short")).isEqualTo("'short'");
        assertThat(Echo.shortened("a".repeat(40))).isEqualTo("a".repeat(40));
        assertThat(Echo.shortened("a".repeat(41))).isEqualTo("a".repeat(40) + "…");
        assertThat(Echo.shortened("two\nlines")).isEqualTo("two?lines");
        assertThat(Echo.shortened(null)).isEmpty();
    }
}
