package io.gureum.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import io.gureum.console.identity.UserSummary;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.gureum.console.audit.AuditLogView;
import io.gureum.console.container.ContainersView;
import io.gureum.console.dashboard.DashboardView;
import io.gureum.console.host.HostsView;
import io.gureum.console.identity.UsersView;
import io.gureum.console.image.ImagesView;
import io.gureum.console.quota.ProjectsView;
import io.gureum.console.task.TasksView;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.vm.VirtualMachinesView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

class ShellNavigationTest {

    static final Map<String, Class<? extends Component>> ALL_PLACES = new LinkedHashMap<>();

    static {
        ALL_PLACES.put("Dashboard", DashboardView.class);
        ALL_PLACES.put("Virtual machines", VirtualMachinesView.class);
        ALL_PLACES.put("Containers", ContainersView.class);
        ALL_PLACES.put("Hosts", HostsView.class);
        ALL_PLACES.put("Images", ImagesView.class);
        ALL_PLACES.put("Projects & quotas", ProjectsView.class);
        ALL_PLACES.put("Users", UsersView.class);
        ALL_PLACES.put("Tasks", TasksView.class);
        ALL_PLACES.put("Audit log", AuditLogView.class);
    }

    static List<String> navLabels(SideNav nav) {
        return nav.getItems().stream().map(SideNavItem::getLabel).toList();
    }

    @Nested
    @ConsoleTest
    @WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
    class AsAdministrator extends SpringBrowserlessTest {

        @Test
        void the_side_navigation_offers_every_place_of_the_product_in_order() {
            navigate(DashboardView.class);

            SideNav nav = $(SideNav.class).single();
            assertThat(navLabels(nav)).containsExactlyElementsOf(ALL_PLACES.keySet());
            assertThat($(Span.class).id("signed-in-user").getText()).isEqualTo("Signed in as admin");
        }

        @Test
        void every_place_opens_from_the_side_navigation() {
            navigate(DashboardView.class);

            ALL_PLACES.forEach((label, view) -> {
                test($(SideNav.class).single()).clickItem(label);
                assertThat(getCurrentView()).as(label).isInstanceOf(view);
            });
        }

        @Test
        void every_place_is_built_and_none_says_not_built_yet() {
            for (Class<? extends Component> view : ALL_PLACES.values()) {
                navigate(view);
                assertThat($(PlannedPlace.class).all()).as(view.getSimpleName()).isEmpty();
            }
        }

        @Test
        void the_dashboard_is_built_and_shows_capacity_to_administrators() {
            navigate(DashboardView.class);

            assertThat($(PlannedPlace.class).all()).isEmpty();
            assertThat($(com.vaadin.flow.component.html.Div.class).id("capacity").isVisible()).isTrue();
        }

        @Test
        void the_users_place_lists_the_real_administrator_account() {
            navigate(UsersView.class);

            @SuppressWarnings("unchecked")
            Grid<UserSummary> grid = $(Grid.class).id("users-grid");
            // Other tests in the shared context add users; the administrator is always there.
            assertThat(java.util.stream.IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i).username()))
                    .contains("admin");
        }
    }

    @Nested
    @ConsoleTest
    @WithMockUser(username = "member", roles = "USER")
    class AsOrdinaryUser extends SpringBrowserlessTest {

        @Test
        void administration_places_are_not_offered() {
            navigate(DashboardView.class);

            assertThat(navLabels($(SideNav.class).single()))
                    .containsExactly("Dashboard", "Virtual machines", "Containers", "Projects & quotas", "Tasks",
                            "Audit log");
        }

        @Test
        void administration_places_cannot_be_opened_by_url() {
            for (Class<? extends Component> adminOnly : List.of(HostsView.class, ImagesView.class, UsersView.class)) {
                navigate(DashboardView.class);
                UI.getCurrent().navigate(adminOnly);
                assertThat(getCurrentView()).as(adminOnly.getSimpleName()).isNotInstanceOf(adminOnly);
            }
        }
    }
}
