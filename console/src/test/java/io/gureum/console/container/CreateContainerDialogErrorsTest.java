package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.notification.Notification;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The create dialog shows each refusal next to its field, in words that quote what was typed. */
@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class CreateContainerDialogErrorsTest extends SpringBrowserlessTest {

    @Autowired
    ContainerService containers;

    @Autowired
    Fixtures fixtures;

    ContainersView.CreateContainerDialog dialog;

    @BeforeEach
    void openTheDialogOnAProject() {
        Fixtures.Tenant tenant = fixtures.tenant("cdialog");
        ContainersView view = navigate(ContainersView.class);
        test(view.create).click();
        dialog = $(ContainersView.CreateContainerDialog.class).single();
        if (dialog.image.getValue() == null) {
            Requires.missing("no container image on any engine: run src/host/setup.sh and build-test-images.sh");
        }
        ProjectSummary project = dialog.project.getListDataView().getItems().filter(p -> p.id() == tenant.id())
                .findFirst().orElseThrow();
        dialog.project.setValue(project);
    }

    @Test
    void a_name_with_a_leading_space_is_refused_next_to_the_name_field_and_nothing_is_made() {
        assertThat(dialog.name.getHelperText()).isEqualTo(ContainerService.NAME_RULE.rule());
        dialog.name.setValue(" leading-space");

        test(dialog.createButton).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.name.getErrorMessage()).startsWith("Container name ' leading-space' starts with white space");
        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.error.isVisible()).isFalse();
        assertThat($(Notification.class).all()).isEmpty();
        assertThat(asAdmin(() -> containers.list())).noneMatch(c -> c.name().contains("leading-space"));
    }

    @Test
    void numbers_out_of_range_or_too_large_are_refused_next_to_their_fields() {
        dialog.name.setValue("numbers");
        dialog.memoryMib.getElement().setProperty("value", "99999999999999999999");
        dialog.port.setValue(70000);

        test(dialog.createButton).click();

        assertThat(dialog.memoryMib.getErrorMessage())
                .isEqualTo("'99999999999999999999' is not a whole number from 16 to 65536.");
        assertThat(dialog.quotaHint.getText()).doesNotContain("99999999999999999999");
        dialog.memoryMib.setValue(64);
        test(dialog.createButton).click();
        assertThat(dialog.memoryMib.isInvalid()).isFalse();
        assertThat(dialog.port.isInvalid()).isTrue();
        assertThat(dialog.port.getErrorMessage()).isEqualTo("A container port is 1 to 65535, not 70000.");
    }

    @Test
    void a_bad_environment_line_is_quoted_shortened_next_to_the_environment_field() {
        dialog.name.setValue("env");
        dialog.env.setValue("THIS-LINE-HAS-NO-EQUALS-SIGN-AND-GOES-ON-AND-ON-FOR-A-WHILE");

        test(dialog.createButton).click();

        assertThat(dialog.env.getErrorMessage())
                .isEqualTo("Environment line 'THIS-LINE-HAS-NO-EQUALS-SIGN-AND-GOES-ON…' is not KEY=value.");
    }
}
