package io.gureum.console.task;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Tasks: not built yet, and it says so instead of showing made-up data. */
@Route("tasks")
@PageTitle("Tasks")
@Menu(title = "Tasks", order = 70, icon = "vaadin:tasks")
@PermitAll
public class TasksView extends Main {

    public TasksView() {
        add(new PlannedPlace("Tasks",
                "Every action on a VM or container runs as a task with steps and progress, kept after it ends.",
                "the console issue for hosts, images, virtual machines and containers",
                List.of("Running and finished tasks with their steps, progress and outcome",
                "On failure, the hypervisor's or engine's message and what to do about it")));
    }
}
