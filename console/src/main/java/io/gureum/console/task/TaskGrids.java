package io.gureum.console.task;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.gureum.console.ui.Formats;
import java.time.Clock;
import java.util.List;

/** How a grid of tasks reads, shared by the Tasks view and a resource's {@link TaskList}. */
final class TaskGrids {

    private TaskGrids() {
    }

    static void configure(Grid<TaskSummary> grid, TaskService tasks, Clock clock, boolean withTarget) {
        // Widths that fit a 1366-pixel screen with the navigation open; long values wrap.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(t -> Formats.ago(t.createdAt(), clock.instant())).setHeader("Time")
                .setTooltipGenerator(t -> Formats.time(t.createdAt())).setWidth("6.5rem").setFlexGrow(0);
        grid.addColumn(TaskSummary::action).setHeader("Action").setWidth("9rem").setFlexGrow(1);
        if (withTarget) {
            grid.addColumn(TaskGrids::target).setHeader("Target").setWidth("10rem").setFlexGrow(1);
            grid.addColumn(t -> t.projectId() == null ? "—" : "project " + t.projectId()).setHeader("Project")
                    .setWidth("6rem").setFlexGrow(0);
        }
        grid.addColumn(TaskSummary::actor).setHeader("By").setWidth("6rem").setFlexGrow(1);
        grid.addComponentColumn(TaskGrids::stateBadge).setHeader("State").setWidth("8.5rem").setFlexGrow(0); // "succeeded" on one line
        grid.addComponentColumn(TaskGrids::progress).setHeader("Progress").setWidth("8.5rem").setFlexGrow(0);
        grid.addColumn(t -> t.message() == null ? "" : t.message()).setHeader("Message").setWidth("10rem")
                .setFlexGrow(2).setTooltipGenerator(t -> t.message() == null ? "" : t.message());
        grid.setDetailsVisibleOnClick(true);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(task -> details(task, tasks.steps(task.id()))));
    }

    static String target(TaskSummary task) {
        return task.targetType() + " " + task.targetName();
    }

    static Span stateBadge(TaskSummary task) {
        Span badge = new Span(task.state().name().toLowerCase());
        String theme = switch (task.state()) {
            case QUEUED -> "badge contrast";
            case RUNNING -> "badge";
            case SUCCEEDED -> "badge success";
            case FAILED -> "badge error";
        };
        badge.getElement().getThemeList().add(theme);
        badge.addClassName("task-state");
        return badge;
    }

    private static Div progress(TaskSummary task) {
        ProgressBar bar = new ProgressBar(0, 100, task.progress());
        bar.setWidth("3.5rem");
        if (task.state() == TaskState.FAILED) {
            bar.addThemeName("error");
        } else if (task.state() == TaskState.SUCCEEDED) {
            bar.addThemeName("success");
        }
        Span percent = new Span(task.progress() + " %");
        percent.getStyle().set("white-space", "nowrap");
        Div cell = new Div(bar, percent);
        cell.getStyle().set("display", "flex").set("align-items", "center").set("gap", "var(--lumo-space-s)");
        return cell;
    }

    static Div details(TaskSummary task, List<TaskStepView> steps) {
        Div details = new Div();
        details.addClassName("task-details");
        if (steps.isEmpty()) {
            details.add(new Paragraph(task.finished() ? "No steps were recorded." : "No step has started yet."));
        } else {
            OrderedList list = new OrderedList();
            for (TaskStepView step : steps) {
                ListItem item = new ListItem(step.description() + " — " + step.state().toLowerCase());
                item.addClassName("task-step");
                list.add(item);
            }
            details.add(list);
        }
        if (task.message() != null) {
            Paragraph message = new Paragraph(task.message());
            message.getStyle().set("color", task.state() == TaskState.FAILED ? "var(--lumo-error-text-color)"
                    : "var(--lumo-secondary-text-color)");
            details.add(message);
        }
        return details;
    }
}
