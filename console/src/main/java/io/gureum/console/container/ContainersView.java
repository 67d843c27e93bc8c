package io.gureum.console.container;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Containers: not built yet, and it says so instead of showing made-up data. */
@Route("containers")
@PageTitle("Containers")
@Menu(title = "Containers", order = 20, icon = "vaadin:cubes")
@PermitAll
public class ContainersView extends Main {

    public ContainersView() {
        add(new PlannedPlace("Containers",
                "Containers of your projects, run through the Docker Engine API on Docker or Podman, with CPU and memory limits.",
                "the console issue for hosts, images, virtual machines and containers",
                List.of("A create dialog: name, project, image, command, environment, ports, limits, restart policy, health check",
                "A grid and detail page with state, health, ports, IP, live logs and stats",
                "Start, stop, restart and delete")));
    }
}
