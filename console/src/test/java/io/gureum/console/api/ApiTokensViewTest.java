package io.gureum.console.api;

import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.gureum.console.audit.AuditLogView;
import io.gureum.console.identity.TokenScope;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class ApiTokensViewTest extends SpringBrowserlessTest {

    @Autowired
    ApiTokenService tokens;

    @Autowired
    Fixtures fixtures;

    private int indexOf(Grid<ApiTokenSummary> grid, String name) {
        return IntStream.range(0, test(grid).size()).filter(i -> test(grid).getRow(i).name().equals(name))
                .findFirst().orElseThrow();
    }

    /** The text of every cell but the last (the revoke button) of the token's row. */
    private List<String> rowOf(Grid<ApiTokenSummary> grid, String name) {
        int row = indexOf(grid, name);
        return IntStream.range(0, grid.getColumns().size() - 1).mapToObj(column -> test(grid).getCellText(row, column))
                .toList();
    }

    private Button revokeOf(Grid<ApiTokenSummary> grid, String name) {
        return (Button) test(grid).getCellComponent(indexOf(grid, name), grid.getColumns().size() - 1);
    }

    @Test
    void the_page_is_reached_from_the_user_area_of_every_page() {
        navigate(AuditLogView.class);

        test($(Button.class).id("api-tokens")).click();

        assertThat(getCurrentView()).isInstanceOf(ApiTokensView.class);
    }

    @Test
    void a_new_tokens_secret_is_shown_once_in_its_dialog_never_in_the_list_and_the_token_can_be_revoked() {
        ApiTokensView view = navigate(ApiTokensView.class);
        String name = unique("ui-token");

        test(view.create).click();
        ApiTokensView.CreateTokenDialog dialog = $(ApiTokensView.CreateTokenDialog.class).single();
        assertThat(dialog.validityDays.getValue()).isEqualTo(90);
        test(dialog.name).setValue(name);
        dialog.scope.setValue(TokenScope.READ_ONLY);
        test(dialog.save).click();

        String secret = dialog.secret.getValue();
        assertThat(secret).startsWith(ApiTokenService.PREFIX);
        assertThat(dialog.secret.isReadOnly()).isTrue();
        assertThat($(Button.class).id("copy-token-secret").isVisible()).isTrue();
        List<String> row = rowOf(view.mine, name);
        assertThat(row).contains("read-only", "never", "active").noneMatch(cell -> cell.contains(secret));
        assertThat(rowOf(view.everyone, name)).contains("admin").noneMatch(cell -> cell.contains(secret));

        test($(Button.class).withText("Done").single()).click();
        assertThat(dialog.isOpened()).isFalse();
        ApiTokensView again = navigate(ApiTokensView.class);
        assertThat($(TextField.class).all()).noneMatch(field -> secret.equals(field.getValue()));
        long id = tokens.mine().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
        test(revokeOf(again.mine, name)).click();
        test($(ConfirmDialog.class).single()).confirm();

        assertThat(tokens.mine()).filteredOn(t -> t.id() == id).singleElement()
                .satisfies(t -> assertThat(t.revokedAt()).isNotNull());
        assertThat(rowOf(again.mine, name)).anyMatch(cell -> cell.startsWith("revoked "));
        assertThat(revokeOf(again.mine, name).isEnabled()).isFalse();
    }

    @Test
    void a_blank_name_and_a_validity_above_the_maximum_are_shown_next_to_their_fields_and_make_nothing() {
        ApiTokensView view = navigate(ApiTokensView.class);
        int before = tokens.mine().size();
        test(view.create).click();
        ApiTokensView.CreateTokenDialog dialog = $(ApiTokensView.CreateTokenDialog.class).single();

        test(dialog.name).setValue("   ");
        test(dialog.save).click();
        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.name.getErrorMessage()).contains("1 to 64 characters");

        test(dialog.name).setValue("long-lived");
        dialog.validityDays.setValue(100_000);
        test(dialog.save).click();
        assertThat(dialog.name.isInvalid()).isFalse();
        assertThat(dialog.validityDays.isInvalid()).isTrue();
        assertThat(dialog.validityDays.getErrorMessage()).contains("365 days");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(tokens.mine()).hasSize(before);
    }

    @Test
    void an_administrator_sees_and_revokes_every_users_tokens() {
        Fixtures.Tenant tenant = fixtures.tenant("tokens-view");
        String theirs = unique("their-ci");
        asUser(tenant.owner().username(), () -> tokens.create(theirs, null));
        ApiTokensView view = navigate(ApiTokensView.class);

        assertThat(rowOf(view.everyone, theirs)).contains(tenant.owner().username(),
                "all of the owner's projects");
        test(revokeOf(view.everyone, theirs)).click();
        test($(ConfirmDialog.class).single()).confirm();

        assertThat(asUser(tenant.owner().username(), () -> tokens.mine())).singleElement()
                .satisfies(t -> assertThat(t.revokedAt()).isNotNull());
    }
}
