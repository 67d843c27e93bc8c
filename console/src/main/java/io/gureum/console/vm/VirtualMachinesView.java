package io.gureum.console.vm;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Virtual machines: not built yet, and it says so instead of showing made-up data. */
@Route("vms")
@PageTitle("Virtual machines")
@Menu(title = "Virtual machines", order = 10, icon = "vaadin:desktop")
@PermitAll
public class VirtualMachinesView extends Main {

    public VirtualMachinesView() {
        add(new PlannedPlace("Virtual machines",
                "KVM virtual machines of your projects, created from base images as copy-on-write disks and run on the company's servers through libvirt.",
                "the console issue for hosts, images, virtual machines and containers",
                List.of("A create dialog: name, project, size, image, network, host (automatic placement or chosen)",
                "A grid of VMs with filters by project, state, host and name; IP addresses and age",
                "A detail page with live state, serial log, screenshot and CPU/memory history",
                "Start, shut down (graceful, then forced), force off, reboot, suspend/resume and delete")));
    }
}
