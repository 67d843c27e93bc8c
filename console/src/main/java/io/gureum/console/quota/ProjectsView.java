package io.gureum.console.quota;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectView;
import io.gureum.console.system.Echo;
import io.gureum.console.ui.FieldErrors;
import jakarta.annotation.security.PermitAll;
import java.util.function.Function;

/**
 * Projects & quotas: administrators see every project and edit its limits in place; members see their
 * projects, their role and the limits. Lives in the quota feature because it joins both facades.
 */
@Route("projects")
@PageTitle("Projects & quotas")
@Menu(title = "Projects & quotas", order = 50, icon = "vaadin:briefcase")
@PermitAll
public class ProjectsView extends Main {

    private final QuotaService quotas;
    private final boolean admin;
    final Grid<QuotaOverview> grid = new Grid<>();
    final TextField newName = new TextField("Project name");
    final TextField newOwner = new TextField("Owner (user name)");
    /** A refused new project: next to its name or owner, otherwise above the form. */
    final FieldErrors createErrors = new FieldErrors();

    public ProjectsView(QuotaService quotas, ProjectService projects, ProjectAccess access) {
        this.quotas = quotas;
        this.admin = access.isAdmin();
        grid.setId("projects-grid");
        grid.setAllRowsVisible(true);
        // Ten columns on a 1366-pixel screen with the navigation open: compact cells, headers that wrap, and
        // limit columns just wide enough for a six-digit number.
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(row -> new RouterLink(row.project().name(), ProjectView.class,
                new RouteParameters("projectId", String.valueOf(row.project().id())))).setHeader("Project")
                .setWidth("9rem").setFlexGrow(1);
        grid.addComponentColumn(ProjectsView::status).setHeader("Status").setWidth("7.5rem").setFlexGrow(0);
        grid.addColumn(row -> row.project().myRole() == null ? "" : row.project().myRole().name()).setHeader("My role")
                .setWidth("5.5rem").setFlexGrow(0);
        limitColumn("vCPUs", 0);
        limitColumn("Memory MiB", 1);
        limitColumn("Disk GiB", 2);
        limitColumn("VMs", 3);
        limitColumn("Containers", 4);
        limitColumn("Container CPUs", 5);
        limitColumn("Container MiB", 6);
        refresh();

        add(new H2(admin ? "All projects" : "My projects"));
        if (admin) {
            newName.setHelperText(ProjectService.NAME_RULE.rule());
            createErrors.field("name", newName).field("owner", newOwner);
            createErrors.formError().setId("create-project-error");
            Button create = new Button("Create project", VaadinIcon.PLUS.create(), click -> {
                createErrors.clear();
                try {
                    projects.create(newName.getValue(), newOwner.getValue());
                    Notification.show("Created " + newName.getValue() + ".");
                    newName.clear();
                    newOwner.clear();
                    refresh();
                } catch (IllegalArgumentException invalid) {
                    createErrors.show(invalid);
                }
            });
            create.setId("create-project");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            HorizontalLayout form = new HorizontalLayout(newName, newOwner, create);
            form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
            add(createErrors.formError(), form);
        }
        Paragraph legend = new Paragraph("Each limit shows what the project's VMs and containers use of it "
                + "(including those still being made). A project over a limit keeps what it has; new resources are "
                + "refused until usage drops below the limit.");
        legend.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(grid, legend);
    }

    private static Component status(QuotaOverview row) {
        HorizontalLayout cell = new HorizontalLayout(new Span(row.project().archived() ? "archived" : "active"));
        cell.setSpacing(true);
        cell.getStyle().set("flex-wrap", "wrap");
        Span badge = UsageBar.badge(row);
        if (badge != null) {
            badge.setId("quota-badge-" + row.project().id());
            cell.add(badge);
        }
        return cell;
    }

    /** The limit (editable for administrators) with the usage bar under it. */
    private void limitColumn(String header, int which) {
        String key = header.toLowerCase().replace(' ', '-');
        Function<QuotaOverview, Component> cell = row -> {
            ResourceUse use = row.resources().get(which);
            long current = use.limit();
            UsageBar usage = new UsageBar(use);
            usage.setId("usage-" + row.project().id() + "-" + key);
            usage.getStyle().set("min-width", "0"); // the column's width, not the bar's usual minimum
            if (!admin) {
                return new Div(new Span(String.valueOf(current)), usage);
            }
            IntegerField field = new IntegerField();
            field.setId("limit-" + row.project().id() + "-" + key);
            field.setMin(0);
            field.setValue((int) current);
            field.setWidth("100%");
            field.addThemeVariants(TextFieldVariant.LUMO_SMALL);
            field.setMax(Integer.MAX_VALUE);
            field.addValueChangeListener(edit -> {
                // What cannot be a limit stays in the field with the reason under it, not in a toast.
                String typed = FieldErrors.unreadable(field);
                if (typed != null) {
                    field.setErrorMessage(Echo.quoted(typed) + " is not a whole number from 0 to "
                            + Integer.MAX_VALUE + ".");
                    field.setInvalid(true);
                    return;
                }
                if (edit.getValue() == null || edit.getValue() == current) {
                    return;
                }
                try {
                    quotas.setLimits(row.project().id(), with(row.limits(), edit.getValue(), which));
                    Notification.show(header + " of " + row.project().name() + " set to " + edit.getValue()
                            + (edit.getValue() < use.used() ? ": below what it uses (" + use.used()
                            + "), so new resources are refused." : "."));
                } catch (IllegalArgumentException invalid) {
                    field.setErrorMessage(invalid.getMessage());
                    field.setInvalid(true);
                    return;
                }
                refresh();
            });
            return new Div(field, usage);
        };
        grid.addComponentColumn(cell::apply).setHeader(header).setWidth("6rem").setFlexGrow(0);
    }

    private static ResourceAmounts with(ResourceAmounts l, int v, int which) {
        return new ResourceAmounts(which == 0 ? v : l.vcpus(), which == 1 ? v : l.memoryMib(),
                which == 2 ? v : l.diskGib(), which == 3 ? v : l.vms(), which == 4 ? v : l.containers(),
                which == 5 ? v : l.containerCpus(), which == 6 ? v : l.containerMemoryMib());
    }

    void refresh() {
        grid.setItems(quotas.overview());
    }

    /** The projects grid (for tests in other packages). */
    public Grid<QuotaOverview> grid() {
        return grid;
    }
}
