package io.gureum.console.identity;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.gureum.console.ui.UserAreaItem;

/** "SSH keys" in the shell's user area: the caller's public keys (and every user's, for administrators). */
@org.springframework.stereotype.Component
class SshKeysItem implements UserAreaItem {

    @Override
    public com.vaadin.flow.component.Component create() {
        Button open = new Button("SSH keys", VaadinIcon.TERMINAL.create(),
                click -> UI.getCurrent().navigate(SshKeysView.class));
        open.setId("ssh-keys");
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return open;
    }
}
