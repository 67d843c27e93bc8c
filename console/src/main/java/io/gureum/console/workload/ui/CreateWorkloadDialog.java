package io.gureum.console.workload.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.gureum.console.project.NoProjectNotice;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.system.InvalidInput;
import io.gureum.console.ui.FieldErrors;
import java.util.List;

/**
 * What every "Create ..." dialog has: the name, the project (or, without one, the notice to make one), refusals
 * next to their fields and the rest at the top, the quota it would use, Cancel and Create. The kind adds its
 * fields, says what it uses of the quota and submits. Element ids: {@code kind-project}, {@code kind-quota-hint},
 * {@code create-kind-error}.
 */
public abstract class CreateWorkloadDialog extends Dialog {

    public final TextField name = new TextField("Name");
    public final Select<ProjectSummary> project = new Select<>();
    /** Refusals next to their fields; the rest (quota, no project) at the top of the dialog. */
    public final FieldErrors errors = new FieldErrors();
    public final Paragraph error = errors.formError();
    public final Paragraph quotaHint = new Paragraph();
    public final Button createButton = new Button("Create");
    /** Shown instead of an empty Project field when the caller has no project to create in. */
    public final NoProjectNotice noProject;

    /**
     * @param kind     the kind's name in element ids ("vm", "container")
     * @param nameRule what a name may be, under the field
     * @param what     the kind with its article, for the no-project notice ("a VM")
     */
    protected CreateWorkloadDialog(String header, String kind, String nameRule, String what,
                                   ProjectService projects, boolean admin) {
        setHeaderTitle(header);
        name.setRequired(true);
        name.setHelperText(nameRule);
        List<ProjectSummary> mine = projects.projectsToCreateIn();
        project.setLabel("Project");
        project.setId(kind + "-project");
        project.setItems(mine);
        project.setItemLabelGenerator(ProjectSummary::name);
        if (!mine.isEmpty()) {
            project.setValue(mine.getFirst()); // the only one, or the first of several
        }
        noProject = new NoProjectNotice(projects, admin, what, made -> {
            project.setItems(List.of(made));
            project.setValue(made);
            createButton.setEnabled(true);
        });
        noProject.setVisible(mine.isEmpty());
        createButton.setEnabled(!mine.isEmpty());
        quotaHint.setId(kind + "-quota-hint");
        quotaHint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        project.addValueChangeListener(change -> showQuota());
        name.setId(kind + "-name"); // "vm-name", "container-name": the list page has a "Name" filter as well
        error.setId("create-" + kind + "-error");
        errors.field("name", name).field("project", project);
        createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        createButton.addClickListener(click -> submit());
    }

    /** What the workload would use of the chosen project's quota, in {@link #quotaHint}. */
    protected abstract void showQuota();

    /** Creates the workload, or shows why not. */
    protected abstract void submit();

    /**
     * Clears the refusals shown; false, saying why, when no project is chosen or {@code needed} is missing (the
     * {@code field} the workload is made from, with {@code none} saying why there is none).
     */
    protected boolean chosen(Object needed, String field, String none) {
        errors.clear();
        if (project.getValue() == null || needed == null) {
            errors.show(project.getValue() == null ? "project" : field, project.getValue() == null
                    ? "Choose a project (you need to be a member of one)." : none);
            return false;
        }
        return true;
    }

    /** Runs {@code create}; when accepted runs {@code created} and closes, when refused shows why. */
    protected void create(Runnable create, Runnable created) {
        try {
            create.run();
            created.run();
            close();
        } catch (QuotaExceededException | InvalidInput refused) {
            errors.show(refused);
        }
    }

    /** Lays the dialog out around the kind's {@code form} once its fields are made. */
    protected void layout(Component form) {
        add(error, noProject, form, quotaHint);
        showQuota();
        getFooter().add(new Button("Cancel", click -> close()), createButton);
    }
}
