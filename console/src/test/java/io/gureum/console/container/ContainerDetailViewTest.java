package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import io.gureum.console.host.HostService;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** By route: a container's page opens for its project's people and answers "no such container" to others. */
@ConsoleTest
@WithMockUser(username = ContainerDetailViewTest.MEMBER, roles = "USER")
class ContainerDetailViewTest extends SpringBrowserlessTest {

    static final String MEMBER = "container-page-member";

    @Autowired
    Fixtures fixtures;

    @Autowired
    IdentityService identity;

    @Autowired
    ProjectService projects;

    @Autowired
    HostService hosts;

    @Autowired
    ContainerService containers;

    @Autowired
    ContainerRepository repository;

    @Autowired
    TaskService tasks;

    ContainerSummary mine;
    ContainerSummary theirs;

    @BeforeEach
    void one_container_in_my_project_and_one_in_another() {
        if (asAdmin(() -> hosts.forPlacement().stream().noneMatch(h -> h.engineProduct() != null))) {
            Requires.missing("no host with a container engine is registered: run src/host/setup.sh");
        }
        if (identity.findByUsername(MEMBER).isEmpty()) {
            asAdmin(() -> identity.createUser(MEMBER, "Member", Fixtures.PASSWORD, false));
        }
        Fixtures.Tenant myTenant = fixtures.tenant("cpage");
        Fixtures.Tenant otherTenant = fixtures.tenant("celsewhere");
        Actors.asUser(myTenant.owner().username(), () -> projects.addMember(myTenant.id(), MEMBER, ProjectRole.MEMBER));
        mine = create(myTenant.id(), "shown", 8080);
        theirs = create(otherTenant.id(), "hidden", null);
    }

    private ContainerSummary create(long projectId, String name, Integer port) {
        return asAdmin(() -> {
            ContainerOperation op = containers.create(new NewContainer(name, projectId, null,
                    "while true; do echo tick; sleep 1; done", Map.of(), 0.25, 32, "no", port));
            tasks.await(op.taskId(), Duration.ofSeconds(60));
            return containers.get(op.container().id());
        });
    }

    @AfterEach
    void cleanUp() {
        for (ContainerSummary c : new ContainerSummary[] {mine, theirs}) {
            if (c == null) {
                continue;
            }
            repository.findById(c.id()).filter(row -> row.hostId() != null).ifPresent(row ->
                    ContainerService.removeQuietly(hosts.engineOf(row.hostId()), row.engineName()));
        }
    }

    @Test
    void a_member_opens_the_page_of_a_container_of_their_project() {
        UI.getCurrent().navigate("containers/" + mine.id());

        ContainerDetailView view = (ContainerDetailView) getCurrentView();
        assertThat(view.title.getText()).isEqualTo("shown");
        assertThat(view.stateHolder.getElement().getTextRecursively()).isEqualTo("running");
        assertThat(view.network.getText()).contains("127.0.0.1:" + mine.hostPort() + " → 8080/tcp", "IP address");
        assertThat(view.facts.getText()).contains("command sh -c 'while true; do echo tick; sleep 1; done'",
                "restart no", "owner admin");
        assertThat(view.button("Stop").isEnabled()).isTrue();
        assertThat(view.button("Start").isEnabled()).isFalse();
        assertThat(view.stats.getText()).contains("memory");
    }

    @Test
    void another_projects_container_and_a_made_up_id_both_answer_no_such_container() {
        for (String guess : new String[] {theirs.id().toString(), UUID.randomUUID().toString(), "not-a-uuid"}) {
            UI.getCurrent().navigate("containers/" + guess);

            assertThat($(Paragraph.class).id("container-not-found").getText())
                    .isEqualTo("There is no container " + guess + ".");
            assertThat(getCurrentView().getElement().getOuterHTML()).doesNotContain("hidden");
        }
    }
}
