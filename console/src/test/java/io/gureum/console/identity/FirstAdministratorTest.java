package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.gureum.console.system.GureumProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

/** The first administrator never gets a default, empty or weak password. */
class FirstAdministratorTest {

    private final IdentityService identity = mock(IdentityService.class);
    private final PasswordPolicy policy = new PasswordPolicy();

    private FirstAdministrator withConfiguredPassword(String password) {
        GureumProperties properties = new GureumProperties(Path.of("unused"), new GureumProperties.Host("", ""),
                new GureumProperties.Admin("admin", password));
        return new FirstAdministrator(identity, policy, properties);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "admin", "password", "changeme", "administrator", "short-1", "adminadmin12",
            "admin-secret-9999"})
    void a_weak_GUREUM_ADMIN_PASSWORD_stops_the_first_start_with_a_message_and_creates_nobody(String weak) {
        when(identity.hasAnyUser()).thenReturn(false);

        assertThatThrownBy(() -> withConfiguredPassword(weak).run(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GUREUM_ADMIN_PASSWORD is not acceptable");
        verify(identity, never()).createFirstAdministrator(anyString(), anyString());
    }

    @Test
    void without_GUREUM_ADMIN_PASSWORD_a_strong_password_is_generated() {
        when(identity.hasAnyUser()).thenReturn(false);
        when(identity.createFirstAdministrator(eq("admin"), anyString())).thenReturn(true);

        withConfiguredPassword("").run(null);

        ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
        verify(identity).createFirstAdministrator(eq("admin"), password.capture());
        assertThat(password.getValue()).hasSize(FirstAdministrator.GENERATED_LENGTH).isNotBlank();
        policy.check("admin", password.getValue());
    }

    @Test
    void a_strong_GUREUM_ADMIN_PASSWORD_is_used_as_given() {
        when(identity.hasAnyUser()).thenReturn(false);
        when(identity.createFirstAdministrator("admin", "Cumulus-7-Nimbus-Stratus")).thenReturn(true);

        withConfiguredPassword("Cumulus-7-Nimbus-Stratus").run(null);

        verify(identity).createFirstAdministrator("admin", "Cumulus-7-Nimbus-Stratus");
    }

    @Test
    void once_users_exist_nothing_is_created_or_changed() {
        when(identity.hasAnyUser()).thenReturn(true);

        withConfiguredPassword("admin").run(null);

        verify(identity, never()).createFirstAdministrator(anyString(), anyString());
    }
}
