package io.gureum.console.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.ListItem;
import io.gureum.console.testsupport.ConsoleTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

class TasksViewTest {

    static TaskSummary submitThreeStepTask(TaskService tasks, String targetId, boolean fail) {
        TaskSummary queued = tasks.submit(new TaskRequest("vm.create", "vm", targetId, "web-" + targetId.substring(0, 4),
                null), context -> {
                    context.step("place on a host");
                    context.step("create copy-on-write disk");
                    context.progress(50);
                    if (fail) {
                        throw new IllegalStateException("Storage pool 'default' is not active.");
                    }
                    context.step("define and start");
                });
        return tasks.await(queued.id(), Duration.ofSeconds(20));
    }

    static <T> List<T> rows(SpringBrowserlessTest test, Grid<T> grid) {
        List<T> rows = new ArrayList<>();
        var tester = test.test(grid);
        for (int i = 0; i < tester.size(); i++) {
            rows.add(tester.getRow(i));
        }
        return rows;
    }

    @Nested
    @ConsoleTest
    @WithMockUser(username = "tasks-view-user", roles = "USER")
    class AsSubmitter extends SpringBrowserlessTest {

        @Autowired
        TaskService tasks;

        @Autowired
        Clock clock;

        @Test
        void a_submitted_task_is_listed_with_its_outcome_and_its_steps_show_in_the_details() {
            TaskSummary failed = submitThreeStepTask(tasks, UUID.randomUUID().toString(), true);

            TasksView view = navigate(TasksView.class);

            List<TaskSummary> rows = rows(this, view.grid);
            assertThat(rows).extracting(TaskSummary::id).contains(failed.id());
            int index = rows.indexOf(rows.stream().filter(t -> t.id().equals(failed.id())).findFirst().orElseThrow());
            assertThat(rows.get(index).state()).isEqualTo(TaskState.FAILED);
            assertThat(rows.get(index).message()).isEqualTo("Storage pool 'default' is not active.");
            assertThat(TaskGrids.target(rows.get(index))).startsWith("vm web-");

            assertThat(view.grid.isDetailsVisibleOnClick()).isTrue();
            assertThat(TaskGrids.details(failed, tasks.steps(failed.id())).getChildren()
                    .flatMap(c -> c.getChildren()).map(c -> ((ListItem) c).getText()).toList())
                    .containsExactly("place on a host — done", "create copy-on-write disk — failed");
        }

        @Test
        void the_task_list_of_a_resource_shows_only_that_resources_tasks() {
            String target = UUID.randomUUID().toString();
            TaskSummary mine = submitThreeStepTask(tasks, target, false);
            submitThreeStepTask(tasks, UUID.randomUUID().toString(), false);

            TaskList list = new TaskList(tasks, clock, "vm", target);

            assertThat(rows(this, list.grid)).extracting(TaskSummary::id).containsExactly(mine.id());
            assertThat(rows(this, list.grid).getFirst().state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(rows(this, list.grid).getFirst().progress()).isEqualTo(100);
        }
    }

    @Nested
    @ConsoleTest
    @WithMockUser(username = "tasks-view-outsider", roles = "USER")
    class AsOutsider extends SpringBrowserlessTest {

        @Autowired
        TaskService tasks;

        @Test
        void others_tasks_outside_ones_projects_are_not_listed() {
            TaskSummary foreign = io.gureum.console.testsupport.Actors.asUser("someone-else",
                    () -> submitThreeStepTask(tasks, UUID.randomUUID().toString(), false));

            TasksView view = navigate(TasksView.class);

            assertThat(rows(this, view.grid)).extracting(TaskSummary::id).doesNotContain(foreign.id());
        }
    }
}
