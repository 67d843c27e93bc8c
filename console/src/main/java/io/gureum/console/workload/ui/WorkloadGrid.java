package io.gureum.console.workload.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.renderer.Renderer;
import com.vaadin.flow.function.ValueProvider;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.ui.Formats;
import io.gureum.console.workload.WorkloadSummary;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns every workload grid has (name linking to its page, project, state badge with its reason, host, age,
 * the row's actions); the kind adds its own between them. Lit renderers, not component columns: a row is a few
 * strings in the browser, not a tree of server-side components that every open session keeps for every row.
 * Widths are given by the kind so that its grid fits a 1366-pixel screen with the navigation open; long values
 * wrap instead of widening the table.
 */
public final class WorkloadGrid<T extends WorkloadSummary> {

    private final Grid<T> grid;
    private final ProjectService projects;
    private final Clock clock;
    private Map<Long, String> projectNames = Map.of();

    public WorkloadGrid(Grid<T> grid, ProjectService projects, Clock clock) {
        this.grid = grid;
        this.projects = projects;
        this.clock = clock;
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
    }

    /** Reads the names of the caller's projects again (on every reload of the grid). */
    public void reloadProjectNames() {
        projectNames = projects.visibleProjects().stream()
                .collect(Collectors.toMap(ProjectSummary::id, ProjectSummary::name, (a, b) -> a));
    }

    public Grid.Column<T> name(String width) {
        // the route is the row's: a grid of one project's workloads holds both kinds
        return sized(grid.addColumn(LitRenderer.<T>of("<a href=\"${item.route}/${item.id}\" router-link>"
                        + "${item.name}</a>").withProperty("id", w -> w.id().toString())
                .withProperty("route", w -> w.kind().route())
                .withProperty("name", WorkloadSummary::name)).setHeader("Name"), width, 1);
    }

    public Grid.Column<T> project(String width) {
        return column(w -> projectNames.getOrDefault(w.projectId(), "#" + w.projectId()), "Project", width, 1);
    }

    /** The state badge; {@code reason} gives the state's reason in words, shown as its tooltip. */
    public Grid.Column<T> state(Function<T, String> reason) {
        return sized(grid.addColumn(LitRenderer.<T>of("<span theme=\"${item.theme}\" title=\"${item.reason}\">"
                                + "${item.state}</span>")
                        .withProperty("state", w -> WorkloadBadge.label(w.workloadState()))
                        .withProperty("theme", w -> WorkloadBadge.theme(w.workloadState()))
                        .withProperty("reason", reason::apply)).setHeader("State"), "7.5rem", 0);
    }

    public Grid.Column<T> host(String width) {
        return column(w -> w.hostName() == null ? "" : w.hostName(), "Host", width, 1);
    }

    public Grid.Column<T> age() {
        return column(w -> Formats.ago(w.createdAt(), clock.instant()), "Age", "6.5rem", 0);
    }

    /** The row's "⋮" menu (see {@link io.gureum.console.ui.RowActions}). */
    public Grid.Column<T> actions(Renderer<T> menu) {
        return sized(grid.addColumn(menu).setHeader("Actions"), "5.5rem", 0);
    }

    /** A column of the kind's own. */
    public Grid.Column<T> column(ValueProvider<T, ?> value, String header, String width, int flexGrow) {
        return sized(grid.addColumn(value).setHeader(header), width, flexGrow);
    }

    private static <T> Grid.Column<T> sized(Grid.Column<T> column, String width, int flexGrow) {
        return column.setWidth(width).setFlexGrow(flexGrow);
    }
}
