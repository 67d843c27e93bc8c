package io.gureum.console.identity;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** Users: administrators create, disable, re-enable users and reset their passwords. */
@Route("users")
@PageTitle("Users")
@Menu(title = "Users", order = 60, icon = "vaadin:users")
@RolesAllowed(GlobalRole.ADMIN_NAME)
public class UsersView extends Main {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    final Grid<UserSummary> grid = new Grid<>();
    final Button create = new Button("New user", VaadinIcon.PLUS.create());
    final TextField filter = new TextField();
    private final IdentityService identity;

    public UsersView(IdentityService identity) {
        this.identity = identity;
        grid.setId("users-grid");
        grid.addColumn(UserSummary::username).setHeader("User name");
        grid.addColumn(UserSummary::displayName).setHeader("Name");
        grid.addColumn(user -> user.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                .setHeader("Global roles");
        grid.addColumn(user -> user.enabled() ? "enabled" : "disabled").setHeader("Status");
        grid.addColumn(user -> CREATED.format(user.createdAt())).setHeader("Created");
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        refresh();

        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> new CreateUserDialog().open());

        // Every row is rendered (with its buttons): with hundreds of accounts an admin narrows the list first.
        filter.setId("users-filter");
        filter.setPlaceholder("Filter by user name or name");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(change -> refresh());

        add(new HorizontalLayout(new H2("Accounts"), create, filter), grid);
    }

    private HorizontalLayout actions(UserSummary user) {
        Button toggle = new Button(user.enabled() ? "Disable" : "Enable", click -> {
            try {
                if (user.enabled()) {
                    identity.disable(user.id());
                    Notification.show("Disabled " + user.username() + "; their sessions have ended.");
                } else {
                    identity.enable(user.id());
                    Notification.show("Enabled " + user.username() + ".");
                }
                refresh();
            } catch (IllegalArgumentException refused) {
                Notification.show(refused.getMessage());
            }
        });
        toggle.setId((user.enabled() ? "disable-" : "enable-") + user.username());
        Button reset = new Button("Reset password", click -> showPassword(user, identity.resetPassword(user.id())));
        reset.setId("reset-" + user.username());
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(toggle, reset);
    }

    private void showPassword(UserSummary user, String password) {
        Dialog shown = new Dialog();
        shown.setId("new-password-dialog");
        shown.setHeaderTitle("New password for " + user.username());
        Span value = new Span(password);
        value.setId("new-password");
        value.getStyle().set("font-family", "monospace");
        shown.add(new Paragraph("Pass it on safely; it is shown only now."), value);
        shown.getFooter().add(new Button("Done", click -> shown.close()));
        shown.open();
    }

    void refresh() {
        String wanted = filter.getValue().strip().toLowerCase(java.util.Locale.ROOT);
        grid.setItems(identity.listUsers().stream().filter(user -> wanted.isEmpty()
                || user.username().toLowerCase(java.util.Locale.ROOT).contains(wanted)
                || user.displayName().toLowerCase(java.util.Locale.ROOT).contains(wanted)).toList());
    }

    /** Username, name, initial password and whether the user administers the console. */
    class CreateUserDialog extends Dialog {

        final TextField username = new TextField("User name");
        final TextField displayName = new TextField("Name");
        final PasswordField password = new PasswordField("Initial password");
        final Checkbox admin = new Checkbox("Administrator (hosts, images, quotas, users)");
        final Button save = new Button("Create");
        /** A refusal next to the field it concerns, otherwise at the top of the dialog. */
        final FieldErrors errors = new FieldErrors();

        CreateUserDialog() {
            setId("create-user-dialog");
            setHeaderTitle("New user");
            password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters, not a common password.");
            username.setHelperText(IdentityService.USERNAME_RULE.rule());
            errors.field("username", username).field("displayName", displayName).field("password", password);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(click -> {
                errors.clear();
                try {
                    identity.createUser(username.getValue(), displayName.getValue(), password.getValue(),
                            admin.getValue());
                    Notification.show("Created " + username.getValue() + ".");
                    refresh();
                    close();
                } catch (IllegalArgumentException invalid) {
                    errors.show(invalid);
                }
            });
            add(errors.formError(), new FormLayout(username, displayName, password, admin));
            getFooter().add(new Button("Cancel", click -> close()), save);
        }
    }
}
