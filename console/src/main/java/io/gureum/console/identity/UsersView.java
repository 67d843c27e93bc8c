package io.gureum.console.identity;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.PlannedPlace;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** Users: the accounts that exist today (read-only); managing them is not built yet and says so. */
@Route("users")
@PageTitle("Users")
@Menu(title = "Users", order = 60, icon = "vaadin:users")
@RolesAllowed(GlobalRole.ADMIN_NAME)
public class UsersView extends Main {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    final Grid<UserSummary> grid = new Grid<>();

    public UsersView(IdentityService identity) {
        grid.setId("users-grid");
        grid.addColumn(UserSummary::username).setHeader("User name");
        grid.addColumn(UserSummary::displayName).setHeader("Name");
        grid.addColumn(user -> user.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                .setHeader("Global roles");
        grid.addColumn(user -> user.enabled() ? "enabled" : "disabled").setHeader("Status");
        grid.addColumn(user -> CREATED.format(user.createdAt())).setHeader("Created");
        grid.setItems(identity.listUsers());
        grid.setAllRowsVisible(true);

        add(new H2("Accounts"), grid, new PlannedPlace("Managing users",
                "Today the only account is the administrator made on first start.",
                "self-service and quota administration",
                List.of("Create, disable and re-enable users; reset passwords",
                        "Users change their own password (at least 12 characters, not a common password)",
                        "Throttling of failed logins")));
    }
}
