package io.gureum.console.api;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.identity.TokenScope;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * API tokens: a user's own (make one, see when each was last used, revoke), and for administrators every user's.
 * A new token's secret is shown once, in the dialog that made it, and never again.
 */
@Route("profile/tokens")
@PageTitle("API tokens")
@PermitAll
public class ApiTokensView extends Main {

    final Grid<ApiTokenSummary> mine = new Grid<>();
    final Grid<ApiTokenSummary> everyone = new Grid<>();
    final Button create = new Button("New token", VaadinIcon.PLUS.create());
    private final ApiTokenService tokens;
    private final Clock clock;
    private final List<ProjectSummary> projects;
    private final Map<Long, String> projectNames;
    private final boolean admin;

    public ApiTokensView(ApiTokenService tokens, ProjectService projectService, ProjectAccess access, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        this.projects = projectService.visibleProjects();
        this.projectNames = projects.stream().collect(Collectors.toMap(ProjectSummary::id, ProjectSummary::name));
        this.admin = access.isAdmin();

        mine.setId("my-tokens");
        columns(mine, false, tokens::revoke);
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> new CreateTokenDialog().open());
        add(new HorizontalLayout(new H2("My API tokens"), create),
                new Paragraph("A token lets a script call the HTTP API (/api/v1) as you: "
                        + "'Authorization: Bearer <token>'. It never has more rights than you have now."), mine);
        if (admin) {
            everyone.setId("all-tokens");
            columns(everyone, true, tokens::revokeAny);
            add(new H2("Every user's tokens"), everyone);
        }
        refresh();
    }

    private void columns(Grid<ApiTokenSummary> grid, boolean withOwner, LongConsumer revoke) {
        if (withOwner) {
            grid.addColumn(ApiTokenSummary::owner).setHeader("Owner").setAutoWidth(true);
        }
        grid.addColumn(ApiTokenSummary::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(token -> token.scope() == TokenScope.READ_ONLY ? "read-only" : "read and write")
                .setHeader("Scope").setAutoWidth(true);
        grid.addColumn(this::projectsOf).setHeader("Projects");
        grid.addColumn(token -> Formats.time(token.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(token -> Formats.time(token.expiresAt())).setHeader("Expires").setAutoWidth(true);
        grid.addColumn(token -> token.lastUsedAt() == null ? "never" : Formats.time(token.lastUsedAt()))
                .setHeader("Last used").setAutoWidth(true);
        grid.addColumn(this::status).setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(token -> {
            Button button = new Button("Revoke", click -> confirmRevoke(token, revoke));
            button.setId("revoke-" + grid.getId().orElse("token") + "-" + token.id());
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            button.setEnabled(!token.endedAt(clock.instant()));
            return button;
        }).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
    }

    String projectsOf(ApiTokenSummary token) {
        if (token.projectIds().isEmpty()) {
            return "all of the owner's projects";
        }
        return token.projectIds().stream().sorted().map(id -> projectNames.getOrDefault(id, "#" + id))
                .collect(Collectors.joining(", "));
    }

    String status(ApiTokenSummary token) {
        if (token.revokedAt() != null) {
            return "revoked " + Formats.time(token.revokedAt());
        }
        return token.endedAt(clock.instant()) ? "expired" : "active";
    }

    private void confirmRevoke(ApiTokenSummary token, LongConsumer revoke) {
        ConfirmDialog confirm = new ConfirmDialog("Revoke token " + token.name() + "?",
                "Scripts using it are refused from now on. This cannot be undone.", "Revoke", yes -> {
                    revoke.accept(token.id());
                    Notification.show("Revoked " + token.name() + ".");
                    refresh();
                });
        confirm.setId("revoke-token-confirm");
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    void refresh() {
        mine.setItems(tokens.mine());
        if (admin) {
            everyone.setItems(tokens.all());
        }
    }

    /** Name, validity, scope and projects; after making the token, its secret once. */
    class CreateTokenDialog extends Dialog {

        final TextField name = new TextField("Name");
        final IntegerField validityDays = new IntegerField("Valid for (days)");
        final RadioButtonGroup<TokenScope> scope = new RadioButtonGroup<>("Scope");
        final MultiSelectComboBox<ProjectSummary> limitTo = new MultiSelectComboBox<>("Limit to projects");
        final Button save = new Button("Create token");
        final FieldErrors errors = new FieldErrors();
        /** Shown once the token is made: the secret, read-only, to copy. */
        final TextField secret = new TextField("Your new token");

        CreateTokenDialog() {
            setId("create-token-dialog");
            setHeaderTitle("New API token");
            long maxDays = Math.max(1, tokens.maxValidity().toDays());
            name.setHelperText("What uses it, e.g. ci-pipeline (1 to 64 characters).");
            validityDays.setValue((int) Math.min(ApiTokenService.DEFAULT_VALIDITY.toDays(), maxDays));
            validityDays.setMin(1);
            validityDays.setMax((int) Math.min(Integer.MAX_VALUE, maxDays));
            validityDays.setStepButtonsVisible(true);
            validityDays.setHelperText("1 to " + maxDays + " days.");
            scope.setItems(TokenScope.values());
            scope.setItemLabelGenerator(s -> s == TokenScope.READ_ONLY ? "Read-only" : "Read and write");
            scope.setValue(TokenScope.READ_WRITE);
            limitTo.setItems(projects.stream().filter(p -> p.myRole() != null).toList());
            limitTo.setItemLabelGenerator(ProjectSummary::name);
            limitTo.setHelperText("Empty: all your projects. Your role in each still applies.");
            errors.field("name", name).field("validity", validityDays).field("validityDays", validityDays)
                    .field("scope", scope).field("projectIds", limitTo);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(click -> save(maxDays));
            add(errors.formError(), new FormLayout(name, validityDays, scope, limitTo));
            getFooter().add(new Button("Cancel", click -> close()), save);
        }

        private void save(long maxDays) {
            errors.clear();
            if (!errors.number("validityDays", validityDays, 1, maxDays, true)) {
                return;
            }
            try {
                NewApiToken made = tokens.create(new ApiTokenRequest(name.getValue(),
                        Duration.ofDays(validityDays.getValue()), scope.getValue(),
                        limitTo.getValue().stream().map(ProjectSummary::id).collect(Collectors.toSet())));
                refresh();
                showSecret(made);
            } catch (IllegalArgumentException invalid) {
                errors.show(invalid);
            }
        }

        private void showSecret(NewApiToken made) {
            removeAll();
            getFooter().removeAll();
            setHeaderTitle("Token " + made.token().name() + " made");
            secret.setId("token-secret");
            secret.setValue(made.secret());
            secret.setReadOnly(true);
            secret.setWidthFull();
            Button copy = new Button("Copy", VaadinIcon.COPY.create(), click -> {
                secret.getElement().executeJs("navigator.clipboard.writeText($0)", made.secret());
                Notification.show("Copied.");
            });
            copy.setId("copy-token-secret");
            Paragraph warning = new Paragraph("Copy it now and keep it like a password: it is shown only this "
                    + "once. Only its hash is stored, so nobody can show it to you again.");
            warning.getStyle().set("color", "var(--lumo-error-text-color)");
            add(warning, new HorizontalLayout(secret, copy));
            getFooter().add(new Button("Done", click -> close()));
        }
    }
}
