package io.gureum.console.project;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.FieldErrors;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

/**
 * One project: its members and roles. Owners and administrators manage members and rename it; administrators
 * archive it. A project the caller may not see answers as if it did not exist.
 */
@Route("projects/:projectId(\\d+)")
@PageTitle("Project")
@PermitAll
public class ProjectView extends Main implements BeforeEnterObserver {

    private final ProjectService projects;
    private final ProjectAccess access;
    final H2 title = new H2();
    final Paragraph role = new Paragraph();
    final Grid<MemberSummary> members = new Grid<>();
    final HorizontalLayout ownerTools = new HorizontalLayout();
    final TextField newMember = new TextField("User name");
    final ComboBox<ProjectRole> newRole = new ComboBox<>("Role");
    final TextField newName = new TextField("New name");
    final Button archive = new Button("Archive project");
    /** To the page of the project's VMs and containers (a plain link: project/ does not depend on workload/). */
    final Anchor workloads = new Anchor();
    /** A refused change: next to the member or name field, otherwise above the owner's tools. */
    final FieldErrors errors = new FieldErrors();
    private ProjectSummary project;

    public ProjectView(ProjectService projects, ProjectAccess access) {
        this.projects = projects;
        this.access = access;
        members.setId("members-grid");
        members.setAllRowsVisible(true);
        newRole.setItems(ProjectRole.values());
        newRole.setValue(ProjectRole.MEMBER);
        Button add = new Button("Add member", click -> act(() -> projects.addMember(project.id(), newMember.getValue(),
                newRole.getValue())));
        add.setId("add-member");
        Button rename = new Button("Rename", click -> act(() -> projects.rename(project.id(), newName.getValue())));
        rename.setId("rename-project");
        archive.setId("archive-project");
        archive.addThemeVariants(ButtonVariant.LUMO_ERROR);
        archive.addClickListener(click -> act(() -> projects.archive(project.id())));
        ownerTools.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        ownerTools.add(newMember, newRole, add, newName, rename);
        newName.setHelperText(ProjectService.NAME_RULE.rule());
        errors.field("username", newMember).field("role", newRole).field("name", newName);
        errors.formError().setId("project-error");
        workloads.setId("project-workloads-link");
        workloads.setText("VMs and containers of this project");
        add(title, role, workloads, new H3("Members"), members, errors.formError(), ownerTools, archive);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("projectId").orElse(-1L);
        try {
            project = projects.get(id);
        } catch (AccessDeniedException | ProjectNotFoundException hidden) {
            // The same answer for "not yours" and "does not exist", so ids cannot be probed.
            event.rerouteToError(NotFoundException.class, "No such project.");
            return;
        }
        show();
    }

    private void show() {
        title.setText(project.name() + (project.archived() ? " (archived)" : ""));
        workloads.setHref("projects/" + project.id() + "/workloads");
        role.setText(project.myRole() == null ? "You administer this project without being a member."
                : "Your role: " + project.myRole());
        boolean owner = access.isAdmin() || project.myRole() == ProjectRole.OWNER;
        boolean changeable = owner && !project.archived();
        members.removeAllColumns();
        members.addColumn(MemberSummary::username).setHeader("User name");
        members.addColumn(MemberSummary::displayName).setHeader("Name");
        if (changeable) {
            members.addComponentColumn(this::roleSelect).setHeader("Role");
            members.addComponentColumn(member -> {
                Button remove = new Button("Remove", click -> act(() -> projects.removeMember(project.id(),
                        member.userId())));
                remove.setId("remove-" + member.username());
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL);
                return remove;
            });
        } else {
            members.addColumn(member -> member.role().name()).setHeader("Role");
        }
        members.setItems(projects.members(project.id()));
        ownerTools.setVisible(changeable);
        archive.setVisible(access.isAdmin() && !project.archived());
    }

    private Select<ProjectRole> roleSelect(MemberSummary member) {
        Select<ProjectRole> select = new Select<>();
        select.setId("role-" + member.username());
        select.setItems(ProjectRole.values());
        select.setValue(member.role());
        select.addValueChangeListener(change -> {
            if (change.getValue() != member.role()) {
                act(() -> projects.changeRole(project.id(), member.userId(), change.getValue()));
            }
        });
        return select;
    }

    private void act(Runnable action) {
        errors.clear();
        try {
            action.run();
            Notification.show("Saved.");
        } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException refused) {
            errors.show(refused);
        }
        project = projects.get(project.id());
        show();
    }
}
