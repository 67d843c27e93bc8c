package io.gureum.console.task;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;

/**
 * The tasks of one resource, newest first, for its detail page, e.g. {@code new TaskList(tasks, clock, "vm", id)}.
 * Follows running tasks by polling while attached (and leaves the page's own poll interval alone if it set one).
 */
public class TaskList extends Composite<Div> {

    static final int POLL_MILLIS = 2_000;

    final Grid<TaskSummary> grid = new Grid<>();
    private final TaskService tasks;
    private final String targetType;
    private final String targetId;
    private Registration polling;
    private boolean ownPollInterval;

    public TaskList(TaskService tasks, Clock clock, String targetType, String targetId) {
        this.tasks = tasks;
        this.targetType = targetType;
        this.targetId = targetId;
        grid.addClassName("task-list");
        TaskGrids.configure(grid, tasks, clock, false);
        grid.setEmptyStateText("No tasks for this " + targetType + " yet.");
        grid.setAllRowsVisible(true);
        getContent().add(new H3("Tasks"), grid);
        refresh();
    }

    /** Reads the target's tasks again. */
    public void refresh() {
        grid.setItems(tasks.forTarget(targetType, targetId));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (event.getUI().getPollInterval() < 0) {
            event.getUI().setPollInterval(POLL_MILLIS);
            ownPollInterval = true;
        }
        polling = event.getUI().addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        if (ownPollInterval) {
            event.getUI().setPollInterval(-1);
            ownPollInterval = false;
        }
    }
}
