package io.gureum.console.workload.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.project.ProjectService;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.workload.WorkloadEvents;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadSummary;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The list page of a kind, the same for every kind: its heading with the "Create ..." button, the grid with the
 * shared columns and a row's details on click, and for admins what the hosts run unknown to the console, adopted
 * through a dialog. An accepted action reloads the grid; a state observed on a host reloads it at once (server
 * push). Element ids follow the kind: {@code vms-grid}, {@code create-vm}, {@code unmanaged-vms-grid},
 * {@code refresh-unmanaged-vms}, {@code adopt-vm}.
 *
 * @param <T> the kind's summary, a row of the grid
 * @param <U> what a host runs that no row knows
 */
public abstract class WorkloadListPage<T extends WorkloadSummary, U> extends LivePage {

    public final Grid<T> grid = new Grid<>();
    public final Button create;
    /** Admins only: what the hosts run that no row knows, to adopt into a project. */
    public final Grid<U> unmanagedGrid = new Grid<>();
    public final Button refreshUnmanaged = new Button("Look again");
    /** The grid's shared columns; the kind adds its own between them. */
    protected final WorkloadGrid<T> columns;
    protected final ProjectService projects;
    private final WorkloadKind kind;
    private final LiveUpdates liveUpdates;
    private Supplier<List<U>> unmanaged = List::of;

    protected WorkloadListPage(WorkloadKind kind, String createText, ProjectService projects, Clock clock,
                               LiveUpdates liveUpdates) {
        this.kind = kind;
        this.projects = projects;
        this.liveUpdates = liveUpdates;
        grid.setId(kind.route() + "-grid");
        grid.setEmptyStateText("No " + kind.noun() + "s to show: create one, or change the filters.");
        columns = new WorkloadGrid<>(grid, projects, clock);
        create = new Button(createText);
        create.setId("create-" + kind.targetType());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    }

    /** Reads the grid again. */
    protected abstract void reload();

    /** The page's heading: its title and the create button. */
    protected HorizontalLayout heading(String title) {
        return new HorizontalLayout(new H2(title), create);
    }

    /** A row's {@code details}, shown when the row is clicked. */
    protected void details(Function<T, String> details) {
        grid.setItemDetailsRenderer(new ComponentRenderer<>(row -> new Paragraph(details.apply(row))));
        grid.setDetailsVisibleOnClick(true);
    }

    /**
     * Adds what the hosts run unknown to the console (see {@link UnmanagedSection}); for admins.
     *
     * @param unmanaged lists what the hosts run that no row knows (asks every host)
     */
    protected void unmanagedSection(String hint, Consumer<Grid<U>> columns, Function<U, String> adoptId,
                                    Consumer<U> adopt, Supplier<List<U>> unmanaged) {
        this.unmanaged = unmanaged;
        unmanagedGrid.setId("unmanaged-" + kind.route() + "-grid");
        refreshUnmanaged.setId("refresh-unmanaged-" + kind.route());
        add(new UnmanagedSection<>("Unmanaged on hosts", unmanagedGrid, refreshUnmanaged, hint, columns, adoptId,
                adopt, this::reloadUnmanaged));
    }

    /** Lists what the hosts run: on open, on "Look again" and after an adoption, not on every poll. */
    protected void reloadUnmanaged() {
        unmanagedGrid.setItems(unmanaged.get());
    }

    /** Chooses the project {@code name} on {@code hostName} is adopted into (see {@link AdoptDialog}). */
    protected AdoptDialog adoptDialog(String name, String hostName, LongConsumer adopt, Component... intro) {
        return new AdoptDialog("adopt-" + kind.targetType(), "Adopt " + name + " from " + hostName,
                projects.visibleProjects(), adopt, this::adopted, intro);
    }

    /** After an adoption both grids are read again. */
    protected void adopted() {
        reloadUnmanaged();
        reload();
    }

    /** Runs a row's action; reloads the grid when it was accepted, shows why when refused. */
    protected void run(Runnable action) {
        if (WorkloadActions.run(action)) {
            reload();
        }
    }

    /** What every poll does: reload the grid, unless the kind knows a cheaper test of whether anything changed. */
    protected void poll() {
        reload();
    }

    @Override
    protected Registration follow(UI ui) {
        // States change on the hosts at any time: follow them without a manual reload, at once when the state sync
        // observes a change (server push).
        return liveUpdates.follow(ui, POLL_MILLIS, this::poll,
                update -> update instanceof WorkloadEvents.StateChanged changed && changed.kind() == kind,
                this::reload);
    }
}
