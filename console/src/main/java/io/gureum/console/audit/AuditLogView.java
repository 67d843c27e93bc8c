package io.gureum.console.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The audit log with filters and CSV export. Administrators see everything, project owners their projects'
 * entries; the service enforces that, this view only shows what it gets.
 */
@Route("audit")
@PageTitle("Audit log")
@Menu(title = "Audit log", order = 80, icon = "vaadin:clipboard-text")
@PermitAll
public class AuditLogView extends Main {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    private final AuditService audit;
    final TextField actor = new TextField("Actor");
    final ComboBox<ProjectSummary> project = new ComboBox<>("Project");
    final TextField action = new TextField("Action");
    final ComboBox<Outcome> outcome = new ComboBox<>("Outcome");
    final DateTimePicker from = new DateTimePicker("From");
    final DateTimePicker to = new DateTimePicker("To");
    final Grid<AuditRecord> grid = new Grid<>();
    final Anchor export;

    public AuditLogView(AuditService audit, ProjectService projects, ProjectAccess access) {
        this.audit = audit;
        project.setItems(projects.visibleProjects());
        project.setItemLabelGenerator(ProjectSummary::name);
        project.setClearButtonVisible(true);
        outcome.setItems(Outcome.values());
        outcome.setClearButtonVisible(true);
        action.setPlaceholder("e.g. user. or login");
        Button apply = new Button("Search", VaadinIcon.SEARCH.create(), click -> refresh());
        apply.setId("audit-search");

        grid.setId("audit-grid");
        grid.addColumn(r -> TIME.format(r.occurredAt())).setHeader("Time").setAutoWidth(true);
        grid.addColumn(AuditRecord::shownActor).setHeader("Actor");
        grid.addColumn(r -> r.projectId() == null ? "" : r.projectId().toString()).setHeader("Project");
        grid.addColumn(AuditRecord::target).setHeader("Target");
        grid.addColumn(AuditRecord::action).setHeader("Action");
        grid.addColumn(r -> r.outcome().name()).setHeader("Outcome");
        grid.addColumn(AuditRecord::detail).setHeader("Detail").setFlexGrow(2);

        export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] csv = audit.csv(filter()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(csv), "gureum-audit.csv", "text/csv;charset=utf-8",
                    csv.length);
        }), "Export CSV");
        export.setId("audit-export");

        HorizontalLayout filters = new HorizontalLayout(actor, project, action, outcome, from, to, apply, export);
        filters.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters);
        if (!access.isAdmin()) {
            add(new Paragraph("You see the entries of the projects you own."));
        }
        add(grid);
        refresh();
    }

    AuditFilter filter() {
        return new AuditFilter(actor.getValue(), project.getValue() == null ? null : project.getValue().id(),
                action.getValue(), outcome.getValue(), instant(from.getValue()), instant(to.getValue()));
    }

    void refresh() {
        grid.setItems(audit.search(filter()));
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(ZONE).toInstant();
    }
}
