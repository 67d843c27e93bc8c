package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.html.Pre;
import io.gureum.console.host.HostService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The containers place: create through the dialog, see it in the grid, read its logs. */
@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class ContainersViewTest extends SpringBrowserlessTest {

    @Autowired
    ContainerService containers;

    @Autowired
    ContainerRepository repository;

    @Autowired
    HostService hosts;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    String name;

    @AfterEach
    void removeIt() {
        if (name == null) {
            return;
        }
        repository.findAll().stream().filter(c -> c.name().equals(name) && c.hostId() != null).forEach(c ->
                ContainerService.removeQuietly(hosts.engineOf(c.hostId()), c.engineName()));
    }

    @Test
    void a_container_created_in_the_dialog_shows_in_the_grid_and_its_logs_tick() {
        if (asAdmin(() -> hosts.forPlacement().stream().noneMatch(h -> h.engineProduct() != null))) {
            Requires.missing("no host with a container engine is registered: run src/host/setup.sh");
        }
        Fixtures.Tenant tenant = fixtures.tenant("ctv");
        name = Actors.unique("ui").toLowerCase().replaceAll("[^a-z0-9-]", "-");
        ContainersView view = navigate(ContainersView.class);

        test(view.create).click();
        ContainersView.CreateContainerDialog dialog = $(ContainersView.CreateContainerDialog.class).single();
        assertThat(dialog.image.getValue()).isEqualTo(ContainerService.DEFAULT_IMAGE);
        dialog.name.setValue(name);
        ProjectSummary project = dialog.project.getListDataView().getItems()
                .filter(p -> p.id() == tenant.id()).findFirst().orElseThrow();
        dialog.project.setValue(project);
        dialog.command.setValue("echo \"said: $GREETING\"; while true; do echo tick; echo oops >&2; sleep 1; done");
        dialog.env.setValue("# a comment\nGREETING=from the dialog\n");
        dialog.healthKind.setValue(ContainersView.HEALTH_COMMAND);
        assertThat(dialog.healthCommand.isVisible()).isTrue();
        assertThat(dialog.healthPort.isVisible()).isFalse();
        dialog.healthCommand.setValue("test \"$GREETING\" = \"from the dialog\"");
        dialog.healthInterval.setValue(1);
        dialog.healthTimeout.setValue(1);
        test(dialog.createButton).click();
        assertThat(dialog.error.getText()).isEmpty();

        Instant deadline = Instant.now().plusSeconds(30);
        while (repository.findAll().stream().noneMatch(c -> c.name().equals(name)
                && c.state() == ContainerStatus.RUNNING) && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
        view.reload();
        List<ContainerSummary> rows = view.grid.getGenericDataView().getItems().filter(c -> c.name().equals(name))
                .toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().state()).isEqualTo(ContainerStatus.RUNNING);

        sleep(1500);
        ContainersView.LogsDialog logs = view.new LogsDialog(rows.getFirst());
        List<String> lines = logs.lines.getChildren().filter(Pre.class::isInstance)
                .map(p -> ((Pre) p).getText()).toList();
        assertThat(lines).anyMatch(l -> l.contains("tick"));
        assertThat(lines).anyMatch(l -> l.contains("stderr │") && l.contains("oops"));
        assertThat(lines).anyMatch(l -> l.contains("said: from the dialog"));
        deadline = Instant.now().plusSeconds(20);
        while (!"healthy".equals(containers.inspect(rows.getFirst().id()).health())
                && Instant.now().isBefore(deadline)) {
            sleep(250);
        }
        assertThat(containers.inspect(rows.getFirst().id()).health()).isEqualTo("healthy");

        asAdmin(() -> tasks.await(containers.delete(rows.getFirst().id()).taskId(), Duration.ofSeconds(60)));
    }

    @Test
    void the_name_and_state_filters_narrow_the_paged_grid() {
        String tag = "f" + Actors.unique("x").replaceAll("[^0-9]", "");
        Fixtures.Tenant tenant = fixtures.tenant("ctf");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        for (String[] row : new String[][] {{"web-" + tag, "RUNNING"}, {"job-" + tag, "EXITED"}}) {
            ManagedContainer c = new ManagedContainer(java.util.UUID.randomUUID(), row[0], tenant.id(), "someone",
                    "busybox", null, 500, 64, "no", null, now);
            c.observed(ContainerStatus.valueOf(row[1]), "test", now);
            repository.save(c);
        }
        ContainersView view = navigate(ContainersView.class);

        view.filters.name.setValue(tag);
        assertThat(view.grid.getGenericDataView().getItems().map(ContainerSummary::name).toList())
                .containsExactlyInAnyOrder("web-" + tag, "job-" + tag);
        view.filters.state.setValue(ContainerStatus.EXITED);
        assertThat(view.grid.getGenericDataView().getItems().map(ContainerSummary::name).toList())
                .containsExactly("job-" + tag);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
