package io.gureum.console.dashboard;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Dashboard: not built yet, and it says so instead of showing made-up data. */
@Route("")
@PageTitle("Dashboard")
@Menu(title = "Dashboard", order = 0, icon = "vaadin:dashboard")
@PermitAll
public class DashboardView extends Main {

    public DashboardView() {
        add(new PlannedPlace("Dashboard",
                "An overview of what you run and what you may still use.",
                "self-service and quota administration",
                List.of("Your projects' usage against their quotas: vCPUs, memory, disk, VMs and containers",
                "Your virtual machines and containers by state",
                "For administrators: capacity against allocation per host and for the whole cloud",
                "Projects near or over their quota")));
    }
}
