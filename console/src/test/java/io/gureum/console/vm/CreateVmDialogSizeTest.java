package io.gureum.console.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.dialog.Dialog;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.InstanceSize;
import io.gureum.console.testsupport.ConsoleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class CreateVmDialogSizeTest extends SpringBrowserlessTest {

    @Autowired
    ImageCatalog images;

    @Test
    void choosing_a_size_fills_vcpus_and_memory_and_editing_them_makes_it_custom() {
        VirtualMachinesView view = navigate(VirtualMachinesView.class);
        test(view.create).click();
        VirtualMachinesView.CreateVmDialog dialog = (VirtualMachinesView.CreateVmDialog) $(Dialog.class).single();
        InstanceSize medium = images.instanceSizes().stream().filter(s -> s.name().equals("medium")).findFirst()
                .orElseThrow();

        assertThat(dialog.size.getValue()).isSameAs(VirtualMachinesView.CUSTOM_SIZE);
        assertThat(dialog.network.getValue()).isEqualTo("default");
        test(dialog.size).selectItem(medium.label());

        assertThat(dialog.vcpus.getValue()).isEqualTo(2);
        assertThat(dialog.memoryMib.getValue()).isEqualTo(4096);
        assertThat(dialog.size.getValue()).isEqualTo(medium);
        assertThat(dialog.quotaHint.getText()).contains("uses 2 of", "4096 of");

        test(dialog.memoryMib).setValue(2048);
        assertThat(dialog.size.getValue()).isSameAs(VirtualMachinesView.CUSTOM_SIZE);
        assertThat(dialog.network.getValue()).isEqualTo("default");
        assertThat(dialog.vcpus.getValue()).isEqualTo(2);
    }
}
