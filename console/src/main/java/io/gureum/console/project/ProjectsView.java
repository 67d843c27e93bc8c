package io.gureum.console.project;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Projects & quotas: not built yet, and it says so instead of showing made-up data. */
@Route("projects")
@PageTitle("Projects & quotas")
@Menu(title = "Projects & quotas", order = 50, icon = "vaadin:briefcase")
@PermitAll
public class ProjectsView extends Main {

    public ProjectsView() {
        add(new PlannedPlace("Projects & quotas",
                "Projects are the tenants of the cloud: each has members with roles and a quota that is never exceeded.",
                "self-service and quota administration",
                List.of("Create, rename and archive projects; members as owner, member or viewer",
                "Quotas per project: vCPUs, memory, disk, number of VMs and containers, container CPU and memory",
                "Usage bars against each limit, editable in place by administrators")));
    }
}
