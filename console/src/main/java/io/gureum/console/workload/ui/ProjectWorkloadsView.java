package io.gureum.console.workload.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.project.ProjectNotFoundException;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.workload.WorkloadService;
import io.gureum.console.workload.WorkloadSummary;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;

/**
 * Every workload of one project, VMs and containers in one grid with their states: the first feature written once
 * for both kinds ({@link WorkloadService#list}). It names no kind; a third kind would appear here by its adapter.
 */
@Route("projects/:projectId(\\d+)/workloads")
@PageTitle("Project workloads")
@PermitAll
public class ProjectWorkloadsView extends LivePage implements BeforeEnterObserver {

    /** Polls between two reloads that no event asked for (ages, hosts' names). */
    private static final int FULL_RELOAD_POLLS = 5;

    private final WorkloadService workloads;
    private final ProjectService projects;
    private final LiveUpdates liveUpdates;
    final H2 title = new H2();
    final Paragraph counts = new Paragraph();
    final Grid<WorkloadSummary> grid = new Grid<>();
    private ProjectSummary project;
    private int quietPolls;

    public ProjectWorkloadsView(WorkloadService workloads, ProjectService projects, LiveUpdates liveUpdates,
                                Clock clock) {
        this.workloads = workloads;
        this.projects = projects;
        this.liveUpdates = liveUpdates;
        grid.setId("project-workloads-grid");
        counts.setId("project-workloads-counts");
        WorkloadGrid<WorkloadSummary> columns = new WorkloadGrid<>(grid, projects, clock);
        columns.column(w -> w.kind().label(), "Kind", "7rem", 0);
        columns.name("14rem");
        columns.state(w -> w.stateReason() == null ? "" : w.stateReason());
        columns.host("10rem");
        columns.column(WorkloadSummary::owner, "Owner", "9rem", 1);
        columns.age();
        grid.setEmptyStateText("This project has no VMs and no containers yet.");
        add(title, counts, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("projectId").orElse(-1L);
        try {
            project = projects.get(id);
        } catch (AccessDeniedException | ProjectNotFoundException hidden) {
            // the same answer for "not yours" and "does not exist", as on the project's page
            event.rerouteToError(NotFoundException.class, "No such project.");
            return;
        }
        title.setText("Workloads of " + project.name());
        reload();
    }

    @Override
    protected Registration follow(UI ui) {
        return liveUpdates.follow(ui, POLL_MILLIS, () -> {
            if (++quietPolls >= FULL_RELOAD_POLLS) {
                reload();
            }
        }, update -> project != null && Objects.equals(update.projectId(), project.id()), this::reload);
    }

    void reload() {
        quietPolls = 0;
        List<WorkloadSummary> all = workloads.list(project.id());
        grid.setItems(all);
        long running = all.stream().filter(w -> w.workloadState() == io.gureum.console.workload.WorkloadState.RUNNING)
                .count();
        counts.setText(all.size() + (all.size() == 1 ? " workload, " : " workloads, ") + running + " running.");
    }
}
