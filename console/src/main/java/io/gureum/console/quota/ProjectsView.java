package io.gureum.console.quota;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectView;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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

    public ProjectsView(QuotaService quotas, ProjectService projects, ProjectAccess access) {
        this.quotas = quotas;
        this.admin = access.isAdmin();
        grid.setId("projects-grid");
        grid.setAllRowsVisible(true);
        grid.addComponentColumn(row -> new RouterLink(row.project().name(), ProjectView.class,
                new RouteParameters("projectId", String.valueOf(row.project().id())))).setHeader("Project");
        grid.addColumn(row -> row.project().archived() ? "archived" : "active").setHeader("Status");
        grid.addColumn(row -> row.project().myRole() == null ? "" : row.project().myRole().name()).setHeader("My role");
        limitColumn("vCPUs", ResourceAmounts::vcpus, (l, v) -> with(l, v, 0));
        limitColumn("Memory MiB", ResourceAmounts::memoryMib, (l, v) -> with(l, v, 1));
        limitColumn("Disk GiB", ResourceAmounts::diskGib, (l, v) -> with(l, v, 2));
        limitColumn("VMs", ResourceAmounts::vms, (l, v) -> with(l, v, 3));
        limitColumn("Containers", ResourceAmounts::containers, (l, v) -> with(l, v, 4));
        limitColumn("Container CPUs", ResourceAmounts::containerCpus, (l, v) -> with(l, v, 5));
        limitColumn("Container MiB", ResourceAmounts::containerMemoryMib, (l, v) -> with(l, v, 6));
        refresh();

        add(new H2(admin ? "All projects" : "My projects"));
        if (admin) {
            Button create = new Button("Create project", VaadinIcon.PLUS.create(), click -> {
                try {
                    projects.create(newName.getValue(), newOwner.getValue());
                    Notification.show("Created " + newName.getValue().strip() + ".");
                    newName.clear();
                    newOwner.clear();
                    refresh();
                } catch (IllegalArgumentException invalid) {
                    Notification.show(invalid.getMessage());
                }
            });
            create.setId("create-project");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            HorizontalLayout form = new HorizontalLayout(newName, newOwner, create);
            form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
            add(form);
        }
        add(grid, new PlannedPlace("Usage against each limit",
                "Limits are stored and enforced per project; what each project uses is counted from its VMs and "
                        + "containers.",
                "virtual machines and containers",
                List.of("Usage bars next to each limit", "Projects close to a limit highlighted")));
    }

    private void limitColumn(String header, ToLongFunction<ResourceAmounts> value,
                             java.util.function.BiFunction<ResourceAmounts, Integer, ResourceAmounts> change) {
        Function<QuotaOverview, Component> cell = row -> {
            long current = value.applyAsLong(row.limits());
            if (!admin) {
                return new com.vaadin.flow.component.html.Span(String.valueOf(current));
            }
            IntegerField field = new IntegerField();
            field.setId("limit-" + row.project().id() + "-" + header.toLowerCase().replace(' ', '-'));
            field.setMin(0);
            field.setValue((int) current);
            field.setWidth("7em");
            field.addValueChangeListener(edit -> {
                if (edit.getValue() == null || edit.getValue() == current) {
                    return;
                }
                try {
                    quotas.setLimits(row.project().id(), change.apply(row.limits(), edit.getValue()));
                    Notification.show(header + " of " + row.project().name() + " set to " + edit.getValue() + ".");
                } catch (IllegalArgumentException invalid) {
                    Notification.show(invalid.getMessage());
                }
                refresh();
            });
            return field;
        };
        grid.addComponentColumn(cell::apply).setHeader(header);
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
