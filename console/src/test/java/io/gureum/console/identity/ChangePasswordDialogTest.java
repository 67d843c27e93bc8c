package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import io.gureum.console.dashboard.DashboardView;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = ChangePasswordDialogTest.USER, roles = "USER")
class ChangePasswordDialogTest extends SpringBrowserlessTest {

    static final String USER = "pw-changer";

    @Autowired
    IdentityService identity;

    @Autowired
    UserAccountRepository accounts;

    @Autowired
    PasswordEncoder encoder;

    @BeforeEach
    void the_user_exists() {
        if (identity.findByUsername(USER).isEmpty()) {
            Actors.asAdmin(() -> identity.createUser(USER, "Changer", Fixtures.PASSWORD, false));
        }
    }

    @Test
    void a_user_changes_their_password_from_the_shell() {
        navigate(DashboardView.class);
        test($(Button.class).id("change-password")).click();
        ChangePasswordDialog dialog = $(ChangePasswordDialog.class).single();

        test(dialog.current).setValue("not-my-password-1");
        test(dialog.next).setValue("Cumulonimbus-88-Hail");
        test(dialog.repeat).setValue("Cumulonimbus-88-Hail");
        test(dialog.save).click();
        assertThat(dialog.current.isInvalid()).isTrue();

        test(dialog.current).setValue(Fixtures.PASSWORD);
        test(dialog.save).click();
        assertThat(dialog.current.isInvalid()).isFalse();
        assertThat(encoder.matches("Cumulonimbus-88-Hail", accounts.findByUsername(USER).orElseThrow().passwordHash()))
                .isTrue();
    }
}
