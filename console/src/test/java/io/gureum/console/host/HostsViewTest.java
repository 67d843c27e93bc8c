package io.gureum.console.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.gureum.console.testsupport.ConsoleTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class HostsViewTest extends SpringBrowserlessTest {

    @Autowired
    HostService hosts;

    @AfterEach
    void removeTestHosts() {
        hosts.list().stream().filter(h -> h.name().startsWith("v-")).forEach(h -> hosts.remove(h.id()));
    }

    @Test
    void an_admin_tests_and_registers_a_host_from_the_dialog_and_sees_it_in_the_grid() {
        HostsView view = navigate(HostsView.class);
        test(view.add).click();

        Dialog dialog = $(Dialog.class).single();
        String name = "v-" + UUID.randomUUID().toString().substring(0, 8);
        test($(TextField.class, dialog).withCaption("Name").single()).setValue(name);
        test($(TextField.class, dialog).withCaption("libvirt URI").single()).setValue("test:///default");
        test($(Button.class, dialog).withText("Test connection").single()).click();
        assertThat($(Paragraph.class, dialog).id("host-check-result").getText()).startsWith("Connected to ");

        test($(Button.class, dialog).withText("Register").single()).click();

        assertThat(rows(view.grid)).anySatisfy(h -> {
            assertThat(h.name()).isEqualTo(name);
            assertThat(HostsView.virtualization(h)).isEqualTo("Simulated (test driver)");
            assertThat(h.statusText()).isEqualTo("up");
        });
    }

    @Test
    void a_refused_registration_keeps_the_dialog_open_with_the_reason() {
        HostsView view = navigate(HostsView.class);
        test(view.add).click();

        Dialog dialog = $(Dialog.class).single();
        test($(TextField.class, dialog).withCaption("Name").single()).setValue("v-bad");
        test($(TextField.class, dialog).withCaption("libvirt URI").single())
                .setValue("qemu+ssh://server/system?command=/bin/sh");
        test($(Button.class, dialog).withText("Register").single()).click();

        assertThat(dialog.isOpened()).isTrue();
        // Next to the field it concerns, not in a line under the form.
        TextField uri = $(TextField.class, dialog).withCaption("libvirt URI").single();
        assertThat(uri.isInvalid()).isTrue();
        assertThat(uri.getErrorMessage()).contains("'command' is not allowed");
        assertThat(rows(view.grid)).noneMatch(h -> h.name().equals("v-bad"));
    }

    private List<HostSummary> rows(Grid<HostSummary> grid) {
        var tester = test(grid);
        List<HostSummary> rows = new ArrayList<>();
        for (int i = 0; i < tester.size(); i++) {
            rows.add(tester.getRow(i));
        }
        return rows;
    }

    @Test
    void a_hosts_actions_are_one_menu_in_its_row_and_maintenance_is_set_from_it() {
        HostSummary host = hosts.register(new NewHost("v-" + UUID.randomUUID().toString().substring(0, 8),
                "test:///default", "", ""));
        HostsView view = navigate(HostsView.class);
        int row = -1;
        for (int i = 0; i < test(view.grid).size(); i++) {
            if (test(view.grid).getRow(i).id().equals(host.id())) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        int actions = view.grid.getColumns().size() - 1;
        io.gureum.console.ui.RowActions menu = (io.gureum.console.ui.RowActions) test(view.grid)
                .getCellComponent(row, actions);
        assertThat(menu.getItems().getFirst().getSubMenu().getItems())
                .extracting(com.vaadin.flow.component.contextmenu.MenuItem::getText)
                .containsExactly("Check now", "Start maintenance", "Remove…");

        new com.vaadin.flow.component.menubar.MenuBarTester<>(menu).clickItem(io.gureum.console.ui.RowActions.OPEN,
                "Start maintenance");

        assertThat(hosts.list()).filteredOn(h -> h.id().equals(host.id())).singleElement()
                .satisfies(h -> assertThat(h.maintenance()).isTrue());
    }
}
