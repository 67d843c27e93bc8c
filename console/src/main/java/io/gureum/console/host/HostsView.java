package io.gureum.console.host;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.identity.GlobalRole;
import io.gureum.console.system.GureumProperties;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Hosts: shows what the host setup recorded for this server; host management is not built yet. */
@Route("hosts")
@PageTitle("Hosts")
@Menu(title = "Hosts", order = 30, icon = "vaadin:server")
@RolesAllowed(GlobalRole.ADMIN_NAME)
public class HostsView extends Main {

    final Paragraph localDecision = new Paragraph();

    public HostsView(GureumProperties properties) {
        GureumProperties.Host host = properties.host();
        localDecision.setId("local-domain-type");
        if (host.decided()) {
            localDecision.setText("This server runs guests with libvirt domain type '" + host.domainType() + "'"
                    + (host.domainTypeReason().isBlank() ? "." : ": " + host.domainTypeReason()));
        } else {
            localDecision.setText("The host setup (src/host/setup.sh) has not recorded a domain type for this server "
                    + "in /etc/gureum/gureum.properties.");
        }
        add(new H2("This server"), localDecision, new PlannedPlace("Hosts",
                "The servers Gureum manages: a libvirt URI and an optional container engine endpoint each.",
                "the console issue for hosts, images, virtual machines and containers",
                List.of("Register a host and test its connection",
                        "Capacity (CPU, memory, storage), current allocation and virtualization type",
                        "Status: up, unreachable since when, or in maintenance (no new placements)")));
    }
}
