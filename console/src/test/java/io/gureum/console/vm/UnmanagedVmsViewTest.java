package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.DiskSpec;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** An admin sees domains made by hand and adopts one through the dialog, which shows a quota refusal. */
@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class UnmanagedVmsViewTest extends SpringBrowserlessTest {

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ProjectService projects;

    @Autowired
    QuotaService quotas;

    SimulatedHost simulated;
    Hypervisor hypervisor;
    VmInfo domain;

    @BeforeEach
    void domainByHand() {
        simulated = SimulatedHost.only(hosts, images);
        hypervisor = hosts.hypervisorOf(simulated.summary().id());
        domain = hypervisor.define(VmSpec.builder(Actors.unique("byhand")).vcpus(2).memoryMib(256)
                .disk(DiskSpec.empty("default-pool", 1, DiskFormat.QCOW2)).build());
    }

    @AfterEach
    void cleanUp() {
        try {
            hypervisor.undefine(domain.id());
        } catch (HypervisorException gone) {
            // removed already
        }
        simulated.close();
    }

    private List<UnmanagedVm> listed(VirtualMachinesView view) {
        List<UnmanagedVm> rows = new ArrayList<>();
        for (int row = 0; row < test(view.unmanagedGrid).size(); row++) {
            rows.add(test(view.unmanagedGrid).getRow(row));
        }
        return rows;
    }

    @Test
    void the_dialog_shows_a_quota_refusal_and_adopts_into_a_project_with_room() {
        Fixtures.Tenant full = fixtures.tenant("full");
        Fixtures.Tenant roomy = fixtures.tenant("roomy");
        asAdmin(() -> quotas.setLimits(full.id(), new ResourceAmounts(1, 8192, 10, 5, 5, 4, 4096)));
        VirtualMachinesView view = navigate(VirtualMachinesView.class);
        UnmanagedVm row = listed(view).stream().filter(u -> u.domainUuid().equals(domain.id())).findFirst()
                .orElseThrow();

        VirtualMachinesView.AdoptVmDialog dialog = view.new AdoptVmDialog(row);
        dialog.open();
        roundTrip();
        dialog.project.setValue(project(full.id()));
        test(dialog.adoptButton).click();
        assertThat(dialog.error.getText()).contains("quota").contains("vCPUs 2 > 1");
        assertThat(dialog.isOpened()).isTrue();

        dialog.project.setValue(project(roomy.id()));
        test(dialog.adoptButton).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(listed(view)).noneMatch(u -> u.domainUuid().equals(domain.id()));
    }

    private ProjectSummary project(long id) {
        return projects.visibleProjects().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }
}
