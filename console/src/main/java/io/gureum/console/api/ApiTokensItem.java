package io.gureum.console.api;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.gureum.console.ui.UserAreaItem;

/** "API tokens" in the shell's user area: the caller's own tokens (and every user's, for administrators). */
@org.springframework.stereotype.Component
class ApiTokensItem implements UserAreaItem {

    @Override
    public com.vaadin.flow.component.Component create() {
        Button open = new Button("API tokens", VaadinIcon.CONNECT.create(),
                click -> UI.getCurrent().navigate(ApiTokensView.class));
        open.setId("api-tokens");
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return open;
    }
}
