package io.gureum.console.identity;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.PasswordField;
import org.springframework.security.authentication.BadCredentialsException;

/** The signed-in user changes their own password. */
class ChangePasswordDialog extends Dialog {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField next = new PasswordField("New password");
    final PasswordField repeat = new PasswordField("New password again");
    final Button save = new Button("Change password");

    ChangePasswordDialog(IdentityService identity) {
        setHeaderTitle("Change my password");
        setId("change-password-dialog");
        next.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters, not a common password.");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> {
            clearErrors();
            if (!next.getValue().equals(repeat.getValue())) {
                repeat.setInvalid(true);
                repeat.setErrorMessage("The two new passwords differ.");
                return;
            }
            try {
                identity.changeOwnPassword(current.getValue(), next.getValue());
                Notification.show("Password changed.");
                close();
            } catch (BadCredentialsException wrong) {
                current.setInvalid(true);
                current.setErrorMessage(wrong.getMessage());
            } catch (WeakPasswordException weak) {
                next.setInvalid(true);
                next.setErrorMessage(weak.getMessage());
            }
        });
        add(new FormLayout(current, next, repeat));
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void clearErrors() {
        current.setInvalid(false);
        next.setInvalid(false);
        repeat.setInvalid(false);
    }
}
