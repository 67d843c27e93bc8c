package io.gureum.console.audit;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.container.ContainerEvents;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import io.gureum.console.testsupport.HttpLogin;
import io.gureum.console.vm.VmEvents;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;

/** Every mutation and login leaves an entry; owners read their projects' entries, administrators all. */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class AuditLogTest {

    @Autowired
    AuditService audit;

    @Autowired
    IdentityService identity;

    @Autowired
    ProjectService projects;

    @Autowired
    QuotaService quotas;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationEventPublisher events;

    @LocalServerPort
    int port;

    private List<AuditRecord> byActor(String actor) {
        return asAdmin(() -> audit.search(new AuditFilter(actor, null, null, null, null, null)));
    }

    private List<AuditRecord> aboutProject(long projectId) {
        return asAdmin(() -> audit.search(new AuditFilter(null, projectId, null, null, null, null)));
    }

    @Test
    void logins_are_recorded_whether_they_succeed_or_fail() throws Exception {
        throttle.forgetAll();
        UserSummary user = fixtures.user("login");
        try (HttpLogin browser = new HttpLogin(port)) {
            browser.logIn(user.username(), "wrong-password-123");
            browser.logIn(user.username(), Fixtures.PASSWORD);
        }

        assertThat(byActor(user.username())).filteredOn(r -> r.action().equals("login"))
                .extracting(AuditRecord::outcome).containsExactly(Outcome.SUCCESS, Outcome.FAILURE);
        assertThat(byActor(user.username()).get(1).detail()).contains("BadCredentials").contains("from ");
    }

    @Test
    void user_administration_is_recorded_with_the_administrator_as_actor() {
        UserSummary user = fixtures.user("audited");
        asAdmin(() -> {
            identity.disable(user.id());
            identity.enable(user.id());
            identity.resetPassword(user.id());
        });

        List<AuditRecord> entries = asAdmin(() -> audit.search(new AuditFilter("admin", null, "user.", null, null,
                null))).stream().filter(r -> r.target().equals("user " + user.username())).toList();
        assertThat(entries).extracting(AuditRecord::action).containsExactly("user.password-reset", "user.enabled",
                "user.disabled", "user.created");
        assertThat(entries).extracting(AuditRecord::outcome).containsOnly(Outcome.SUCCESS);
    }

    @Test
    void project_membership_and_quota_changes_are_recorded_and_refusals_too() {
        Tenant t = fixtures.tenant("audit");
        asUser(t.owner().username(), () -> projects.changeRole(t.id(), t.viewer().id(), ProjectRole.MEMBER));
        asAdmin(() -> quotas.setLimits(t.id(), new ResourceAmounts(1, 2, 3, 4, 5, 6, 7)));
        asUser(t.member().username(), () -> assertThatThrownBy(() -> projects.rename(t.id(), "nope"))
                .isInstanceOf(AccessDeniedException.class));

        assertThat(aboutProject(t.id())).extracting(AuditRecord::action).containsExactly(
                "project.access-refused", "quota.changed", "project.member-role-changed", "project.member-added",
                "project.member-added", "project.member-added", "project.created");
        AuditRecord refused = aboutProject(t.id()).getFirst();
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.actor()).isEqualTo(t.member().username());
    }

    @Test
    void owners_see_only_their_projects_entries_and_others_see_nothing() {
        Tenant a = fixtures.tenant("own-a");
        Tenant b = fixtures.tenant("own-b");

        List<AuditRecord> seenByOwnerOfA = asUser(a.owner().username(), () -> audit.search(AuditFilter.EVERYTHING));
        assertThat(seenByOwnerOfA).isNotEmpty().allMatch(r -> a.id() == r.projectId());
        assertThat(seenByOwnerOfA).noneMatch(r -> r.projectId() == b.id());
        assertThat(asUser(a.member().username(), () -> audit.search(AuditFilter.EVERYTHING))).isEmpty();
        assertThat(asUser(a.owner().username(), () -> audit.csv(AuditFilter.EVERYTHING)))
                .doesNotContain(b.project().name());
        assertThat(asAdmin(() -> audit.search(AuditFilter.EVERYTHING))).anyMatch(r -> r.projectId() == null);
    }

    @Test
    void a_failed_action_of_any_kind_is_recorded_with_the_outcome_failure_and_its_reason() {
        Tenant t = fixtures.tenant("failing");
        UUID id = UUID.randomUUID();
        // What the VM and container tasks publish when they end; the task runs as the system actor.
        events.publishEvent(new VmEvents.VmActionFinished(id, "web", t.id(), "vm.create", false,
                "No host can take this VM (1 vCPUs, 256 MiB, 1 GiB)"));
        events.publishEvent(new ContainerEvents.ContainerActionFinished(id, "cache", t.id(), "container.start", false,
                "engine unavailable"));
        events.publishEvent(new VmEvents.VmActionFinished(id, "web", t.id(), "vm.start", true, null));

        List<AuditRecord> entries = aboutProject(t.id());
        assertThat(entries).filteredOn(r -> r.action().equals("vm.create.failed")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
                    assertThat(r.detail()).startsWith("No host can take this VM");
                });
        assertThat(entries).filteredOn(r -> r.action().equals("container.start.failed"))
                .extracting(AuditRecord::outcome).containsExactly(Outcome.FAILURE);
        assertThat(entries).filteredOn(r -> r.action().equals("vm.start.succeeded"))
                .extracting(AuditRecord::outcome).containsExactly(Outcome.SUCCESS);
    }

    @Test
    void the_log_offers_no_way_to_change_or_delete_entries() {
        assertThat(Arrays.stream(AuditEntryRepository.class.getMethods()).map(m -> m.getName()))
                .containsExactly("save");
        assertThat(Arrays.stream(AuditService.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(m -> m.getName()))
                .containsExactlyInAnyOrder("search", "page", "count", "csv");
    }
}
