package io.gureum.console.workload.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import io.gureum.console.project.ProjectSummary;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Chooses the project a workload found on a host is adopted into; a refusal (quota) is shown here. Element ids
 * are {@code idPrefix}, {@code idPrefix-project} and {@code idPrefix-error}.
 */
public class AdoptDialog extends Dialog {

    public final Select<ProjectSummary> project = new Select<>();
    public final Paragraph error = new Paragraph();
    public final Button adoptButton = new Button("Adopt");

    /**
     * @param projects the projects it may go to (archived ones are left out here)
     * @param adopt    adopts it into the chosen project; throws with the reason when refused
     * @param adopted  runs after an adoption (the pages re-read their grids)
     */
    public AdoptDialog(String idPrefix, String header, List<ProjectSummary> projects, LongConsumer adopt,
                       Runnable adopted, Component... intro) {
        setHeaderTitle(header);
        project.setLabel("Project");
        project.setId(idPrefix + "-project");
        project.setItems(projects.stream().filter(p -> !p.archived()).toList());
        project.setItemLabelGenerator(ProjectSummary::name);
        error.setId(idPrefix + "-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        adoptButton.setId(idPrefix);
        adoptButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        adoptButton.addClickListener(click -> {
            if (project.getValue() == null) {
                error.setText("Choose a project.");
                return;
            }
            try {
                adopt.accept(project.getValue().id());
                close();
                adopted.run();
            } catch (RuntimeException refused) {
                error.setText(refused.getMessage());
            }
        });
        add(intro);
        add(project, error);
        getFooter().add(new Button("Cancel", click -> close()), adoptButton);
    }
}
