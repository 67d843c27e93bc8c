package io.gureum.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.server.ErrorEvent;
import io.gureum.console.system.InvalidInput;
import io.gureum.console.testsupport.ConsoleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** Errors are shown inside the console's layout, in words, never as an exception or a stack trace. */
@ConsoleTest
@WithMockUser(username = "error-pages-user", roles = "USER")
class ErrorPagesTest extends SpringBrowserlessTest {

    @Autowired
    UserFacingErrorHandler handler;

    @Test
    void an_unknown_page_says_not_found_inside_the_layout_with_its_navigation() {
        UI.getCurrent().navigate("no-such-page");

        NotFoundView view = (NotFoundView) getCurrentView();
        assertThat(view.title.getText()).isEqualTo("Not found");
        assertThat(view.text.getText()).contains("'/no-such-page'");
        assertThat($(MainLayout.class).single()).isNotNull();
        assertThat(view.getParent()).isPresent();
    }

    @Test
    void a_page_the_role_may_not_open_says_no_access_inside_the_layout() {
        UI.getCurrent().navigate("hosts");

        AccessDeniedView view = (AccessDeniedView) getCurrentView();
        assertThat(view.title.getText()).isEqualTo("No access");
        assertThat($(MainLayout.class).single()).isNotNull();
    }

    @Test
    void a_page_that_fails_shows_a_reference_and_nothing_of_the_exception() {
        UI.getCurrent().navigate("test-failing-page");

        InternalErrorView view = (InternalErrorView) getCurrentView();
        assertThat(view.title.getText()).isEqualTo("Something went wrong");
        assertThat(view.reference).matches("e-[0-9a-f]{8}");
        assertThat(view.text.getText()).contains(view.reference).doesNotContain("hunter2")
                .doesNotContain("IllegalStateException").doesNotContain("jdbc");
        assertThat($(MainLayout.class).single()).isNotNull();
    }

    @Test
    void an_error_in_a_click_listener_shows_a_notification_in_words_and_not_the_exception() {
        Div clicked = new Div();
        UI.getCurrent().add(clicked);

        handler.error(new ErrorEvent(new IllegalStateException(FailingPage.SECRET), clicked.getElement().getNode()));
        roundTrip();

        String shown = test($(Notification.class).single()).getText();
        assertThat(shown).startsWith("Something went wrong inside the console").doesNotContain("hunter2")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void an_error_in_a_click_listener_is_told_in_words_with_a_reference() {
        String internal = UserFacingErrorHandler.message(new RuntimeException(new IllegalStateException(
                FailingPage.SECRET)));
        assertThat(internal).startsWith("Something went wrong inside the console: the action was not completed.")
                .containsPattern("reference e-[0-9a-f]{8}").doesNotContain("hunter2").doesNotContain("Exception");

        assertThat(UserFacingErrorHandler.message(new RuntimeException(new InvalidInput("name", "VM name 'X' is "
                + "not valid.") { }))).isEqualTo("VM name 'X' is not valid.");
        assertThat(UserFacingErrorHandler.message(new AccessDeniedException("role ADMIN required")))
                .isEqualTo("Your account may not do that.");
    }
}
