package io.gureum.console.project;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** At the service layer: tenants are isolated, viewers only read, only administrators administer. */
@ConsoleTest
class ProjectAuthorizationTest {

    @Autowired
    ProjectService projects;

    @Autowired
    QuotaService quotas;

    @Autowired
    Fixtures fixtures;

    Tenant a;
    Tenant b;

    @BeforeEach
    void two_tenants() {
        a = fixtures.tenant("a");
        b = fixtures.tenant("b");
    }

    @Test
    void a_member_of_project_a_neither_lists_nor_sees_nor_changes_project_b() {
        for (String user : new String[] {a.owner().username(), a.member().username(), a.viewer().username()}) {
            asUser(user, () -> {
                assertThat(projects.visibleProjects()).extracting(ProjectSummary::id)
                        .contains(a.id()).doesNotContain(b.id());
                assertThat(quotas.overview()).extracting(row -> row.project().id()).doesNotContain(b.id());
                assertThatThrownBy(() -> projects.get(b.id())).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> projects.members(b.id())).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> quotas.limits(b.id())).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> projects.rename(b.id(), "taken-over"))
                        .isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> projects.addMember(b.id(), user, ProjectRole.OWNER))
                        .isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> quotas.reserve(b.id(), ResourceAmounts.NONE))
                        .isInstanceOf(AccessDeniedException.class);
            });
        }
        assertThat(asAdmin(() -> projects.members(b.id()))).extracting(MemberSummary::username)
                .containsExactlyInAnyOrder(b.owner().username(), b.member().username(), b.viewer().username());
    }

    @Test
    void a_viewer_reads_but_changes_nothing() {
        asUser(a.viewer().username(), () -> {
            assertThat(projects.get(a.id()).myRole()).isEqualTo(ProjectRole.VIEWER);
            assertThat(projects.members(a.id())).hasSize(3);
            assertThat(quotas.limits(a.id())).isNotNull();
            assertThatThrownBy(() -> projects.rename(a.id(), "renamed")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> projects.addMember(a.id(), b.member().username(), ProjectRole.VIEWER))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> projects.removeMember(a.id(), a.member().id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> projects.changeRole(a.id(), a.viewer().id(), ProjectRole.OWNER))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> quotas.reserve(a.id(), ResourceAmounts.NONE))
                    .isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void a_member_operates_resources_but_does_not_manage_members() {
        asUser(a.member().username(), () -> {
            quotas.reserve(a.id(), new ResourceAmounts(1, 512, 1, 1, 0, 0, 0));
            assertThatThrownBy(() -> projects.addMember(a.id(), b.member().username(), ProjectRole.VIEWER))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> projects.rename(a.id(), "mine")).isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void an_owner_manages_members_and_keeps_at_least_one_owner() {
        asUser(a.owner().username(), () -> {
            projects.changeRole(a.id(), a.viewer().id(), ProjectRole.MEMBER);
            projects.removeMember(a.id(), a.member().id());
            assertThat(projects.members(a.id())).extracting(MemberSummary::username, MemberSummary::role)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(a.owner().username(), ProjectRole.OWNER),
                            org.assertj.core.groups.Tuple.tuple(a.viewer().username(), ProjectRole.MEMBER));
            assertThatThrownBy(() -> projects.removeMember(a.id(), a.owner().id())).hasMessageContaining("owner");
            projects.rename(a.id(), a.project().name() + "-renamed");
        });
    }

    @Test
    void non_administrators_cannot_use_administrator_services() {
        asUser(a.owner().username(), () -> {
            assertThatThrownBy(() -> projects.create("own-project", a.owner().username()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> projects.archive(a.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> quotas.setLimits(a.id(), new ResourceAmounts(999, 1, 1, 1, 1, 1, 1)))
                    .isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void an_archived_project_stays_readable_and_changes_no_more() {
        asAdmin(() -> projects.archive(a.id()));
        asUser(a.owner().username(), () -> {
            assertThat(projects.get(a.id()).archived()).isTrue();
            assertThatThrownBy(() -> projects.rename(a.id(), "again")).hasMessageContaining("archived");
        });
    }
}
