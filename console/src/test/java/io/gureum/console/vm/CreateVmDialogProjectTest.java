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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The VM dialog's Project field: chosen when there is one, and no dead end when there is none. */
@ConsoleTest
class CreateVmDialogProjectTest extends SpringBrowserlessTest {

    static final String LONER = "vm-dialog-loner";
    static final String SINGLE = "vm-dialog-single";

    @Autowired
    IdentityService identity;

    @Autowired
    ProjectService projects;

    @Autowired
    Fixtures fixtures;

    @Test
    @WithMockUser(username = LONER, roles = "USER")
    void a_user_in_no_project_is_told_so_before_typing_anything_and_whom_to_ask() {
        existing(LONER);

        VirtualMachinesView.CreateVmDialog dialog = openDialog();

        assertThat(dialog.noProject.isVisible()).isTrue();
        assertThat(dialog.noProject.message()).contains("not a member of any project", "ask an administrator");
        assertThat(dialog.noProject.createButton().getParent()).isEmpty(); // only administrators make projects
        assertThat(dialog.project.getValue()).isNull();
        assertThat(dialog.createButton.isEnabled()).isFalse();
    }

    @Test
    @WithMockUser(username = SINGLE, roles = "USER")
    void a_member_of_exactly_one_project_finds_it_chosen_with_its_quota() {
        existing(SINGLE);
        Fixtures.Tenant tenant = fixtures.tenant("vmdlg");
        Actors.asUser(tenant.owner().username(), () -> projects.addMember(tenant.id(), SINGLE, ProjectRole.MEMBER));

        VirtualMachinesView.CreateVmDialog dialog = openDialog();

        assertThat(dialog.noProject.isVisible()).isFalse();
        assertThat(dialog.project.getValue()).isNotNull();
        assertThat(dialog.project.getValue().id()).isEqualTo(tenant.id());
        assertThat(dialog.createButton.isEnabled()).isTrue();
        assertThat(dialog.quotaHint.getText()).endsWith("in " + tenant.project().name() + ".");
    }

    @Test
    @WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
    void the_first_administrator_finds_the_first_project_offered() {
        VirtualMachinesView.CreateVmDialog dialog = openDialog();

        assertThat(dialog.noProject.isVisible()).isFalse();
        assertThat(dialog.project.getListDataView().getItems()).anyMatch(p -> p.name().equals("default"));
        assertThat(dialog.project.getValue()).isNotNull();
        assertThat(dialog.createButton.isEnabled()).isTrue();
    }

    private VirtualMachinesView.CreateVmDialog openDialog() {
        VirtualMachinesView view = navigate(VirtualMachinesView.class);
        test(view.create).click();
        return $(VirtualMachinesView.CreateVmDialog.class).single();
    }

    private void existing(String username) {
        if (identity.findByUsername(username).isEmpty()) {
            asAdmin(() -> identity.createUser(username, username, Fixtures.PASSWORD, false));
        }
    }
}
