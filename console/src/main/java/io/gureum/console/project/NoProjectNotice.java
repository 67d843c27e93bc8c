package io.gureum.console.project;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;

/**
 * The top of a create dialog when the caller has no project to create in: says so before anything is typed, and
 * for an administrator makes one right there (with the administrator as owner), handing it to the dialog. A member
 * of no project is told whom to ask.
 */
public class NoProjectNotice extends Div {

    final Paragraph text = new Paragraph();
    final TextField name = new TextField("New project");
    final Button create = new Button("Create project");

    /**
     * @param what    what the dialog creates, e.g. "a VM"
     * @param created receives the new project (the dialog selects it and enables its Create button)
     */
    public NoProjectNotice(ProjectService projects, boolean admin, String what, Consumer<ProjectSummary> created) {
        addClassName("no-project-notice");
        getStyle().set("border-left", "3px solid var(--lumo-warning-color, var(--lumo-primary-color))")
                .set("padding-left", "var(--lumo-space-s)");
        text.setId("no-project-text");
        if (!admin) {
            text.setText("You are not a member of any project, and " + what + " always belongs to one: ask an "
                    + "administrator to add you to a project as member or owner.");
            add(text);
            return;
        }
        text.setText("There is no active project, and " + what + " always belongs to one. Create one here (you "
                + "become its owner, with the default quota), or on the ");
        text.add(new Anchor("projects", "Projects & quotas"), new com.vaadin.flow.component.Text(" page."));
        name.setId("no-project-name");
        name.setPlaceholder("e.g. my-team");
        name.setHelperText("letters, digits, spaces, '.', '_' or '-'");
        create.setId("no-project-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        create.addClickListener(click -> {
            try {
                ProjectSummary made = projects.createOwnedByCaller(name.getValue());
                name.setInvalid(false);
                setVisible(false);
                created.accept(made);
            } catch (IllegalArgumentException refused) {
                name.setErrorMessage(refused.getMessage());
                name.setInvalid(true);
            }
        });
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(text, form);
    }

    /** The project name as typed (tests and the dialog's focus). */
    public TextField nameField() {
        return name;
    }

    /** The button that makes the project. */
    public Button createButton() {
        return create;
    }

    /** What the notice says. */
    public String message() {
        return text.getText();
    }
}
