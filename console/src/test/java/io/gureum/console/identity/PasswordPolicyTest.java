package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "            ", "admin", "password", "changeme", "gureum", "123456", "admin123",
            "Password1234", "ADMINISTRATOR", "changeme1234", "qwertyuiop12", "aaaaaaaaaaaaaaa", "abababababab"})
    void empty_short_default_and_common_passwords_are_refused(String password) {
        assertThatThrownBy(() -> policy.check("alice", password))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageMatching(".*(empty|at least 12|commonly used|different).*");
    }

    @Test
    void a_password_that_contains_the_user_name_is_refused() {
        assertThatThrownBy(() -> policy.check("admin", "my-Admin-secret-42"))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageContaining("user name");
    }

    @Test
    void a_long_uncommon_password_is_accepted() {
        assertThatCode(() -> policy.check("admin", "Cumulus-7-Nimbus-Stratus")).doesNotThrowAnyException();
    }

    @Test
    void generated_passwords_pass_the_policy_and_never_repeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String generated = policy.generate(FirstAdministrator.GENERATED_LENGTH);
            assertThat(generated).hasSize(20).doesNotContainAnyWhitespaces();
            assertThatCode(() -> policy.check("admin", generated)).doesNotThrowAnyException();
            assertThat(seen.add(generated)).as("passwords repeat").isTrue();
        }
    }
}
