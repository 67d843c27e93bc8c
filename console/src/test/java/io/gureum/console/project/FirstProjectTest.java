package io.gureum.console.project;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserEvents.FirstAdministratorCreated;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.quota.QuotaDefaults;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh console gives its first administrator a project to create VMs in, once. */
@ConsoleTest
class FirstProjectTest {

    @Autowired
    ProjectService projects;

    @Autowired
    QuotaService quotas;

    @Autowired
    QuotaDefaults defaults;

    @Autowired
    IdentityService identity;

    @Autowired
    FirstProject firstProject;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Fixtures fixtures;

    @Test
    void the_first_start_made_a_default_project_owned_by_the_first_administrator_with_the_default_quota() {
        UserSummary admin = identity.findByUsername("admin").orElseThrow();
        ProjectSummary first = asAdmin(() -> projects.visibleProjects().stream()
                .filter(p -> p.name().equals("default")).findFirst()).orElseThrow();

        assertThat(asAdmin(() -> projects.members(first.id())))
                .singleElement().satisfies(member -> {
                    assertThat(member.username()).isEqualTo(admin.username());
                    assertThat(member.role()).isEqualTo(ProjectRole.OWNER);
                });
        ResourceAmounts limits = asAdmin(() -> quotas.limits(first.id()));
        assertThat(limits).isEqualTo(new ResourceAmounts(defaults.vcpus(), defaults.memoryMib(), defaults.diskGib(),
                defaults.vms(), defaults.containers(), defaults.containerCpus(), defaults.containerMemoryMib()));
        // ... so the admin's create dialogs have a project to offer.
        assertThat(asAdmin(projects::projectsToCreateIn)).extracting(ProjectSummary::id).contains(first.id());
    }

    @Test
    void once_any_project_exists_the_first_project_is_not_made_again() {
        UserSummary admin = identity.findByUsername("admin").orElseThrow();
        List<ProjectSummary> before = asAdmin(projects::visibleProjects);

        transactions.executeWithoutResult(tx -> firstProject.on(new FirstAdministratorCreated(admin.id(),
                admin.username())));

        assertThat(asAdmin(projects::visibleProjects)).extracting(ProjectSummary::id)
                .containsExactlyInAnyOrderElementsOf(before.stream().map(ProjectSummary::id).toList());
    }

    @Test
    void an_administrator_makes_a_project_owned_by_themselves_from_a_create_dialog_and_a_member_may_not() {
        String name = Actors.unique("mine");
        ProjectSummary made = asAdmin(() -> projects.createOwnedByCaller(name));

        assertThat(made.name()).isEqualTo(name);
        assertThat(made.myRole()).isEqualTo(ProjectRole.OWNER);
        assertThat(asAdmin(() -> quotas.limits(made.id())).vcpus()).isEqualTo(defaults.vcpus());
        UserSummary someone = fixtures.user("nobody");
        assertThatThrownBy(() -> Actors.asUser(someone.username(), () -> projects.createOwnedByCaller("theirs")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(asAdmin(projects::visibleProjects)).extracting(ProjectSummary::name).doesNotContain("theirs");
    }
}
