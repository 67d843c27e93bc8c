package io.gureum.console.audit;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import io.gureum.console.identity.GlobalRole;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Audit log: not built yet, and it says so instead of showing made-up data. */
@Route("audit")
@PageTitle("Audit log")
@Menu(title = "Audit log", order = 80, icon = "vaadin:clipboard-text")
@RolesAllowed(GlobalRole.ADMIN_NAME)
public class AuditLogView extends Main {

    public AuditLogView() {
        add(new PlannedPlace("Audit log",
                "An append-only record of who did what to which resource, and of every login.",
                "self-service and quota administration",
                List.of("Every mutation and every login, successful or not: actor, time, project, target, action, outcome",
                "Filters and CSV export; administrators see everything, project owners their project")));
    }
}
