package io.gureum.console.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.gureum.console.project.ProjectView;
import io.gureum.console.quota.ProjectsView;
import io.gureum.console.quota.QuotaDrift;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.quota.ResourceUse;
import io.gureum.console.quota.UsageBar;
import io.gureum.console.vm.VirtualMachinesView;
import io.gureum.console.vm.VmStatus;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Dashboard: the caller's projects' usage against their quotas and their VMs by state; for administrators
 * also capacity against allocation per host and for the whole cloud, and the projects near or over quota.
 * Everything comes from {@link DashboardService}.
 */
@Route("")
@PageTitle("Dashboard")
@Menu(title = "Dashboard", order = 0, icon = "vaadin:dashboard")
@PermitAll
public class DashboardView extends Main {

    final Grid<Capacity> hostGrid = new Grid<>();
    final Grid<QuotaOverview> quotaWatch = new Grid<>();
    final Grid<HostInventory> inventoryGrid = new Grid<>();

    public DashboardView(DashboardService dashboard) {
        getStyle().set("padding", "var(--lumo-space-m)");
        add(new H2("Dashboard"));
        add(myProjects(dashboard.myProjects(), dashboard.callerIsAdmin()));
        add(vmsByState(dashboard.vmsByState(), dashboard.callerIsAdmin()));
        if (dashboard.callerIsAdmin()) {
            add(capacity(dashboard.cloudCapacity(), dashboard.hostCapacity(), dashboard.cpuOvercommit()));
            add(inventory(dashboard.managedAndUnmanaged()));
            add(quotaWatch(dashboard.projectsNearOrOverQuota()));
            add(drift(dashboard.quotaDrift()));
        }
    }

    private Component inventory(List<HostInventory> rows) {
        Div section = section("host-inventory", "Managed and unmanaged per host");
        inventoryGrid.setId("host-inventory-grid");
        inventoryGrid.setAllRowsVisible(true);
        inventoryGrid.addColumn(HostInventory::host).setHeader("Host").setAutoWidth(true);
        inventoryGrid.addColumn(HostInventory::managedVms).setHeader("Managed VMs").setAutoWidth(true);
        inventoryGrid.addColumn(row -> count(row.unmanagedVms())).setHeader("Unmanaged VMs").setAutoWidth(true);
        inventoryGrid.addColumn(HostInventory::managedContainers).setHeader("Managed containers").setAutoWidth(true);
        inventoryGrid.addColumn(row -> count(row.unmanagedContainers())).setHeader("Unmanaged containers")
                .setAutoWidth(true);
        inventoryGrid.setItems(rows);
        long unmanaged = rows.stream().mapToLong(r -> Math.max(0, r.unmanagedVms()) + Math.max(0, r.unmanagedContainers()))
                .sum();
        Paragraph note = new Paragraph(unmanaged == 0
                ? "Nothing on the hosts was made by hand: every VM and container there is managed by the console."
                : unmanaged + " made by hand on the hosts: adopt them into a project under Virtual machines and "
                        + "Containers (\"Unmanaged on hosts\").");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)");
        section.add(inventoryGrid, note);
        return section;
    }

    private static String count(long n) {
        return n < 0 ? "not listed" : Long.toString(n);
    }

    private Component drift(List<QuotaDrift> drift) {
        Div section = section("quota-drift", "Quota recount against the hosts");
        if (drift.isEmpty()) {
            section.add(new Paragraph("The last recounts found every project's VMs on their hosts, and nothing more."));
            return section;
        }
        com.vaadin.flow.component.grid.Grid<QuotaDrift> grid = new com.vaadin.flow.component.grid.Grid<>();
        grid.setId("quota-drift-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(QuotaDrift::projectId).setHeader("Project").setAutoWidth(true);
        grid.addColumn(QuotaDrift::kind).setHeader("What").setAutoWidth(true);
        grid.addColumn(QuotaDrift::recorded).setHeader("Recorded").setAutoWidth(true);
        grid.addColumn(QuotaDrift::found).setHeader("On hosts").setAutoWidth(true);
        grid.addColumn(QuotaDrift::detail).setHeader("Which").setFlexGrow(1);
        grid.setItems(drift);
        section.add(grid);
        return section;
    }

    private Component myProjects(List<QuotaOverview> projects, boolean admin) {
        Div section = section("my-projects", "Your projects: usage against quota");
        if (projects.isEmpty()) {
            section.add(admin ? new Paragraph(new Span("You are a member of no project. Every project's usage is in "),
                    new RouterLink("Projects & quotas", ProjectsView.class), new Span("."))
                    : new Paragraph("You are a member of no project yet: an administrator adds you to one."));
            return section;
        }
        FlexLayout cards = cards();
        for (QuotaOverview row : projects) {
            Div card = card("project-" + row.project().id());
            Div title = new Div(new RouterLink(row.project().name(), ProjectView.class,
                    new RouteParameters("projectId", String.valueOf(row.project().id()))));
            title.getStyle().set("font-weight", "600");
            Span badge = UsageBar.badge(row);
            if (badge != null) {
                badge.getStyle().set("margin-left", "var(--lumo-space-s)");
                title.add(badge);
            }
            card.add(title);
            row.resources().forEach(use -> card.add(labelled(use)));
            cards.add(card);
        }
        section.add(cards);
        return section;
    }

    private Component vmsByState(Map<VmStatus, Long> counts, boolean admin) {
        Div section = section("vms-by-state", admin ? "Virtual machines by state (whole cloud)"
                : "Your virtual machines by state");
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            section.add(new Paragraph(new Span("No virtual machines yet. "),
                    new RouterLink("Create one", VirtualMachinesView.class)));
            return section;
        }
        FlexLayout states = cards();
        counts.forEach((state, count) -> {
            if (count > 0) {
                Div tile = card("vm-state-" + state.name().toLowerCase());
                Span number = new Span(String.valueOf(count));
                number.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("display", "block");
                tile.add(number, new Span(state.name().toLowerCase()));
                tile.getStyle().set("min-width", "6em");
                states.add(tile);
            }
        });
        section.add(states, new Paragraph(new Span(total + (total == 1 ? " VM. " : " VMs. ")),
                new RouterLink("Open virtual machines", VirtualMachinesView.class)));
        return section;
    }

    private Component capacity(Capacity cloud, List<Capacity> hostRows, double overcommit) {
        Div section = section("capacity", "Capacity against allocation");
        Div whole = card("cloud-capacity");
        Div title = new Div(new Span(cloud.name() + " (" + cloud.status() + ", " + cloud.cpus() + " CPUs)"));
        title.getStyle().set("font-weight", "600");
        whole.add(title);
        cloud.resources().forEach(use -> whole.add(labelled(use)));
        section.add(whole);

        hostGrid.setId("host-capacity-grid");
        hostGrid.setAllRowsVisible(true);
        hostGrid.addColumn(Capacity::name).setHeader("Host").setAutoWidth(true);
        hostGrid.addColumn(Capacity::status).setHeader("Status").setAutoWidth(true);
        hostGrid.addColumn(Capacity::cpus).setHeader("CPUs").setAutoWidth(true);
        barColumn("vCPUs allocated", Capacity::vcpus);
        barColumn("Memory allocated", Capacity::memory);
        barColumn("Storage used", Capacity::storage);
        hostGrid.setItems(hostRows);
        Paragraph note = new Paragraph("vCPU capacity is each host's CPUs times the overcommit ratio placement "
                + "allows (" + overcommit + "). Figures are what each host last reported; the whole cloud sums the "
                + "hosts that are up, those in maintenance included.");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)");
        section.add(hostGrid, note);
        return section;
    }

    private void barColumn(String header, Function<Capacity, ResourceUse> use) {
        hostGrid.addComponentColumn(row -> new UsageBar(use.apply(row))).setHeader(header).setAutoWidth(true);
    }

    private Component quotaWatch(List<QuotaOverview> rows) {
        Div section = section("quota-watch", "Projects near or over quota");
        if (rows.isEmpty()) {
            section.add(new Paragraph("No project uses 80 % of any limit."));
            return section;
        }
        quotaWatch.setId("quota-watch-grid");
        quotaWatch.setAllRowsVisible(true);
        quotaWatch.addColumn(row -> row.project().name()).setHeader("Project").setAutoWidth(true);
        quotaWatch.addColumn(row -> row.overQuota() ? "over quota" : "near quota").setHeader("State")
                .setAutoWidth(true);
        quotaWatch.addColumn(DashboardView::tightest).setHeader("Near or over").setFlexGrow(1);
        quotaWatch.setItems(rows);
        section.add(quotaWatch, new Paragraph(new RouterLink("Change limits in Projects & quotas",
                ProjectsView.class)));
        return section;
    }

    /** "vCPUs 2 / 1 (over), VMs 4 / 5" for the limits a project is near or over. */
    static String tightest(QuotaOverview row) {
        return row.resources().stream().filter(ResourceUse::near)
                .map(use -> use.name() + " " + use.used() + " / " + use.limit() + (use.over() ? " (over)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static UsageBar labelled(ResourceUse use) {
        return new UsageBar(use);
    }

    private static Div section(String id, String title) {
        Div section = new Div(new H3(title));
        section.setId(id);
        section.getStyle().set("margin-bottom", "var(--lumo-space-l)");
        return section;
    }

    private static FlexLayout cards() {
        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        return cards;
    }

    private static Div card(String id) {
        Div card = new Div();
        card.setId(id);
        card.addClassName("dashboard-card");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-m)")
                .set("min-width", "14em");
        return card;
    }
}
