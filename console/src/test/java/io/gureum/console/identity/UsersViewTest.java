package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class UsersViewTest extends SpringBrowserlessTest {

    @Autowired
    IdentityService identity;

    @Test
    void an_administrator_creates_a_user_in_the_dialog_and_disables_them_from_the_grid() {
        UsersView view = navigate(UsersView.class);
        String name = Actors.unique("dialog");

        test(view.create).click();
        UsersView.CreateUserDialog dialog = $(UsersView.CreateUserDialog.class).single();
        test(dialog.username).setValue(name);
        test(dialog.password).setValue("short");
        test(dialog.save).click();
        assertThat(dialog.password.isInvalid()).isTrue();
        assertThat(identity.findByUsername(name)).isEmpty();

        test(dialog.password).setValue(Fixtures.PASSWORD);
        test(dialog.save).click();
        assertThat(identity.findByUsername(name)).hasValueSatisfying(user -> assertThat(user.enabled()).isTrue());
        assertThat(IntStream.range(0, test(view.grid).size()).mapToObj(i -> test(view.grid).getRow(i).username()))
                .contains(name);

        test(toggleOf(view, name)).click();
        assertThat(identity.findByUsername(name).orElseThrow().enabled()).isFalse();
        assertThat(toggleOf(view, name).getText()).isEqualTo("Enable");
        test(toggleOf(view, name)).click();
        assertThat(identity.findByUsername(name).orElseThrow().enabled()).isTrue();
    }

    @Test
    void the_filter_narrows_the_accounts_to_those_whose_user_name_or_name_matches() {
        String name = Actors.unique("findme");
        Actors.asAdmin(() -> identity.createUser(name, "Someone To Find", Fixtures.PASSWORD, false));
        UsersView view = navigate(UsersView.class);
        int all = test(view.grid).size();

        test(view.filter).setValue(name.toUpperCase(java.util.Locale.ROOT));
        assertThat(IntStream.range(0, test(view.grid).size()).mapToObj(i -> test(view.grid).getRow(i).username()))
                .containsExactly(name);
        test(view.filter).setValue("someone to find");
        assertThat(test(view.grid).size()).isPositive().isLessThan(all);
        test(view.filter).setValue("");
        assertThat(test(view.grid).size()).isEqualTo(all);
    }

    @Test
    void a_user_name_with_a_leading_space_is_refused_next_to_the_field_and_not_trimmed() {
        UsersView view = navigate(UsersView.class);
        test(view.create).click();
        UsersView.CreateUserDialog dialog = $(UsersView.CreateUserDialog.class).single();
        assertThat(dialog.username.getHelperText()).isEqualTo(IdentityService.USERNAME_RULE.rule());

        test(dialog.username).setValue(" leading-space");
        test(dialog.password).setValue(Fixtures.PASSWORD);
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.username.isInvalid()).isTrue();
        assertThat(dialog.username.getErrorMessage()).startsWith("User name ' leading-space' starts with white space");
        assertThat(dialog.password.isInvalid()).isFalse();
        assertThat(identity.findByUsername("leading-space")).isEmpty();
    }

    /** The grid renders its action buttons per row; the first is Disable or Enable. */
    private Button toggleOf(UsersView view, String username) {
        int row = IntStream.range(0, test(view.grid).size())
                .filter(i -> test(view.grid).getRow(i).username().equals(username)).findFirst().orElseThrow();
        return (Button) test(view.grid).getCellComponent(row, 5).getChildren().findFirst().orElseThrow();
    }
}
