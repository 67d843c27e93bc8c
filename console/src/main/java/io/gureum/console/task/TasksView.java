package io.gureum.console.task;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;

/**
 * Tasks: the newest tasks the caller may see (all for administrators, else their own and their projects'),
 * with state, progress and outcome; a click on a row shows its steps. Follows running tasks by polling.
 */
@Route("tasks")
@PageTitle("Tasks")
@Menu(title = "Tasks", order = 70, icon = "vaadin:tasks")
@PermitAll
public class TasksView extends Main {

    static final int POLL_MILLIS = 2_000;
    static final int LIMIT = 200;

    final Grid<TaskSummary> grid = new Grid<>();
    private final TaskService tasks;
    private Registration polling;

    public TasksView(TaskService tasks, Clock clock) {
        this.tasks = tasks;
        getStyle().set("padding", "var(--lumo-space-m)");
        grid.setId("tasks-grid");
        TaskGrids.configure(grid, tasks, clock, true);
        grid.setEmptyStateText("No tasks yet. Creating, starting or deleting a VM or container runs as a task.");
        Paragraph intro = new Paragraph("Every action on a VM or container runs as a task with steps and progress, "
                + "kept after it ends. Click a task to see its steps.");
        intro.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(new H2("Tasks"), intro, grid);
        reload();
    }

    void reload() {
        grid.setItems(tasks.recent(LIMIT));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(POLL_MILLIS);
        polling = event.getUI().addPollListener(poll -> reload());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
    }
}
