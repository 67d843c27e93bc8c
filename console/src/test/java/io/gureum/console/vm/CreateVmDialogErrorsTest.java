package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.notification.Notification;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The create dialog shows each refusal next to its field, and its quota preview only figures a VM can have. */
@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class CreateVmDialogErrorsTest extends SpringBrowserlessTest {

    @Autowired
    ImageCatalog images;

    @Autowired
    VmService vms;

    @Autowired
    Fixtures fixtures;

    @Autowired
    QuotaService quotas;

    Fixtures.Tenant tenant;
    VirtualMachinesView.CreateVmDialog dialog;

    @BeforeEach
    void openTheDialogOnAProject() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        tenant = fixtures.tenant("dialog");
        VirtualMachinesView view = navigate(VirtualMachinesView.class);
        test(view.create).click();
        dialog = $(VirtualMachinesView.CreateVmDialog.class).single();
        ProjectSummary project = dialog.project.getListDataView().getItems().filter(p -> p.id() == tenant.id())
                .findFirst().orElseThrow();
        dialog.project.setValue(project);
    }

    @Test
    void a_name_with_a_leading_space_is_refused_next_to_the_name_field_and_no_vm_is_made() {
        assertThat(dialog.name.getHelperText()).isEqualTo(VmService.NAME_RULE.rule());
        dialog.name.setValue(" leading-space");

        test(dialog.createButton).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.name.getErrorMessage()).isEqualTo("VM name ' leading-space' starts with white space: remove "
                + "it (" + VmService.NAME_RULE.rule() + ").");
        assertThat(dialog.error.isVisible()).isFalse();
        assertThat($(Notification.class).all()).isEmpty();
        assertThat(asAdmin(() -> vms.list())).noneMatch(vm -> vm.name().contains("leading-space"));
    }

    @Test
    void a_memory_too_large_for_the_field_says_what_was_typed_and_the_range_not_zero() {
        dialog.name.setValue("numbers");
        // What the browser sends for a number the field's type cannot hold.
        dialog.memoryMib.getElement().setProperty("value", "9223372036854775807");
        assertThat(dialog.memoryMib.getValue()).isNull();

        test(dialog.createButton).click();

        assertThat(dialog.memoryMib.isInvalid()).isTrue();
        assertThat(dialog.memoryMib.getErrorMessage())
                .isEqualTo("'9223372036854775807' is not a whole number from 64 to 65536.");
        assertThat(dialog.quotaHint.getText()).doesNotContain("9223372036854775807").doesNotContain(" 0 of");
    }

    @Test
    void negative_vcpus_never_show_in_the_quota_preview_and_are_refused_next_to_the_field() {
        dialog.name.setValue("negative");
        dialog.vcpus.setValue(-1);

        assertThat(dialog.quotaHint.getText()).doesNotContain("-1")
                .isEqualTo("Enter 1 to 16 vCPUs to see what the VM uses of the project's quota.");
        dialog.memoryMib.setValue(-1);
        assertThat(dialog.quotaHint.getText()).doesNotContain("-1");

        test(dialog.createButton).click();

        assertThat(dialog.vcpus.isInvalid()).isTrue();
        assertThat(dialog.vcpus.getErrorMessage()).isEqualTo("A VM has 1 to 16 vCPUs, not -1.");
        dialog.vcpus.setValue(1);
        test(dialog.createButton).click();
        assertThat(dialog.vcpus.isInvalid()).isFalse();
        assertThat(dialog.memoryMib.getErrorMessage()).isEqualTo("A VM has 64 to 65536 MiB of memory, not -1.");
    }

    @Test
    void a_refusal_tied_to_no_field_shows_at_the_top_of_the_dialog() {
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(8, 8192, 10, 0, 5, 4, 4096)));
        dialog.name.setValue("over-quota");

        test(dialog.createButton).click();

        assertThat(dialog.error.isVisible()).isTrue();
        assertThat(dialog.error.getText()).contains("VMs");
        assertThat(dialog.getChildren().findFirst()).contains(dialog.error);
        assertThat(dialog.name.isInvalid()).isFalse();
    }
}
