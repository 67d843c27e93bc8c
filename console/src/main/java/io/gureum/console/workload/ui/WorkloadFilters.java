package io.gureum.console.workload.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectSummary;
import java.util.List;

/** Project, state, host and name filters over a workload grid; each change narrows the paged query. */
public final class WorkloadFilters<S extends Enum<S>> extends HorizontalLayout {

    public final ComboBox<ProjectSummary> project = new ComboBox<>("Project");
    public final ComboBox<S> state = new ComboBox<>("State");
    public final ComboBox<HostSummary> host = new ComboBox<>("Host");
    public final TextField name = new TextField("Name");

    /** Ids are {@code idPrefix-project}, {@code -state}, {@code -host} and {@code -name}. */
    public WorkloadFilters(String idPrefix, List<ProjectSummary> projects, List<S> states, List<HostSummary> hosts,
                           Runnable changed) {
        project.setId(idPrefix + "-project");
        project.setItems(projects);
        project.setItemLabelGenerator(ProjectSummary::name);
        state.setId(idPrefix + "-state");
        state.setItems(states);
        state.setItemLabelGenerator(st -> st.name().toLowerCase());
        host.setId(idPrefix + "-host");
        host.setItems(hosts);
        host.setItemLabelGenerator(HostSummary::name);
        for (ComboBox<?> box : List.of(project, state, host)) {
            box.setClearButtonVisible(true);
            box.setPlaceholder("any");
        }
        name.setId(idPrefix + "-name");
        name.setPlaceholder("contains");
        name.setClearButtonVisible(true);
        name.setValueChangeMode(ValueChangeMode.LAZY);
        project.addValueChangeListener(change -> changed.run());
        state.addValueChangeListener(change -> changed.run());
        host.addValueChangeListener(change -> changed.run());
        name.addValueChangeListener(change -> changed.run());
        add(project, state, host, name);
        setAlignItems(FlexComponent.Alignment.BASELINE);
    }

    public Long projectId() {
        return project.getValue() == null ? null : project.getValue().id();
    }

    public java.util.UUID hostId() {
        return host.getValue() == null ? null : host.getValue().id();
    }

    /** The name part typed, or null when none. */
    public String nameContains() {
        return name.getValue() == null || name.getValue().isBlank() ? null : name.getValue().strip();
    }
}
