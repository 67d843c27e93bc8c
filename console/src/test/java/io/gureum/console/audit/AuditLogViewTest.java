package io.gureum.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class AuditLogViewTest extends SpringBrowserlessTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void the_administrator_filters_the_log_and_can_export_it() {
        var user = fixtures.user("shown");
        AuditLogView view = navigate(AuditLogView.class);
        assertThat(test(view.grid).size()).isPositive();
        assertThat(view.export.getHref()).isNotBlank();

        test(view.action).setValue("user.created");
        view.outcome.setValue(Outcome.SUCCESS);
        view.refresh();

        var rows = IntStream.range(0, test(view.grid).size()).mapToObj(i -> test(view.grid).getRow(i)).toList();
        assertThat(rows).isNotEmpty().allMatch(r -> r.action().equals("user.created"));
        assertThat(rows).anyMatch(r -> r.target().equals("user " + user.username()));
    }
}
