package io.gureum.console.identity;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.gureum.console.ui.UserAreaItem;

/** "Change my password" in the shell's user area. */
@org.springframework.stereotype.Component
class ChangePasswordItem implements UserAreaItem {

    private final IdentityService identity;

    ChangePasswordItem(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public com.vaadin.flow.component.Component create() {
        Button open = new Button("Change my password", VaadinIcon.KEY.create(),
                click -> new ChangePasswordDialog(identity).open());
        open.setId("change-password");
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return open;
    }
}
