package io.gureum.console.image;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import io.gureum.console.identity.GlobalRole;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Images: not built yet, and it says so instead of showing made-up data. */
@Route("images")
@PageTitle("Images")
@Menu(title = "Images", order = 40, icon = "vaadin:archive")
@RolesAllowed(GlobalRole.ADMIN_NAME)
public class ImagesView extends Main {

    public ImagesView() {
        add(new PlannedPlace("Images",
                "Base disk images for VMs, boot images for direct kernel boot, container images per host, and instance sizes.",
                "the console issue for hosts, images, virtual machines and containers",
                List.of("Import a VM base image from a host volume or by upload, with its format checked and stated",
                "Boot images such as \"Tiny Linux (test)\"",
                "Container images per host; import a root file system tarball",
                "Instance sizes: presets of vCPUs, memory and disk")));
    }
}
