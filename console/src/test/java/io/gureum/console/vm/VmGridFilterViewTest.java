package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The VM grid's filters narrow the lazily loaded rows; unmanaged domains are for admins only. */
@ConsoleTest
@WithMockUser(username = VmGridFilterViewTest.VIEWER, roles = "USER")
class VmGridFilterViewTest extends SpringBrowserlessTest {

    static final String VIEWER = "vm-grid-filter-viewer";

    @Autowired
    Fixtures fixtures;

    @Autowired
    IdentityService identity;

    @Autowired
    ProjectService projects;

    @Autowired
    VirtualMachineRepository repository;

    Fixtures.Tenant mine;
    Fixtures.Tenant theirs;
    String tag;

    @BeforeEach
    void rows() {
        if (identity.findByUsername(VIEWER).isEmpty()) {
            asAdmin(() -> identity.createUser(VIEWER, "Viewer", Fixtures.PASSWORD, false));
        }
        mine = fixtures.tenant("gridf");
        theirs = fixtures.tenant("gridx");
        Actors.asUser(mine.owner().username(), () -> projects.addMember(mine.id(), VIEWER, ProjectRole.VIEWER));
        tag = "f" + Actors.unique("x").replaceAll("[^0-9]", "");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row(mine, "web-" + tag, VmStatus.RUNNING, t.minusSeconds(30));
        row(mine, "db-" + tag, VmStatus.STOPPED, t.minusSeconds(20));
        row(theirs, "web-x-" + tag, VmStatus.RUNNING, t.minusSeconds(10));
    }

    private void row(Fixtures.Tenant tenant, String name, VmStatus state, Instant at) {
        VirtualMachine vm = new VirtualMachine(UUID.randomUUID(), name, tenant.id(), "someone", "tiny", 1, 128, 1, at);
        vm.observed(state, "test", at);
        repository.save(vm);
    }

    private List<String> shown(VirtualMachinesView view) {
        List<String> names = new ArrayList<>();
        for (int row = 0; row < test(view.grid).size(); row++) {
            names.add(test(view.grid).getRow(row).name());
        }
        return names;
    }

    @Test
    void name_and_state_filters_narrow_the_grid_to_my_projects_rows() {
        VirtualMachinesView view = navigate(VirtualMachinesView.class);

        view.nameFilter.setValue(tag);
        assertThat(shown(view)).containsExactly("db-" + tag, "web-" + tag);
        assertThat(view.grid.getColumns()).anyMatch(c -> "IP".equals(c.getHeaderText()));

        view.stateFilter.setValue(VmStatus.RUNNING);
        assertThat(shown(view)).containsExactly("web-" + tag);

        view.stateFilter.clear();
        view.projectFilter.setValue(projects.visibleProjects().stream().filter(p -> p.id() == mine.id())
                .findFirst().orElseThrow());
        view.nameFilter.setValue("db-");
        assertThat(shown(view)).contains("db-" + tag).doesNotContain("web-" + tag);

        assertThat(view.unmanagedGrid.isAttached()).isFalse(); // not an admin: no unmanaged section
    }
}
