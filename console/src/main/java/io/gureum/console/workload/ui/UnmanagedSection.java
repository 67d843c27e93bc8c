package io.gureum.console.workload.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Admins only: what the hosts run that no row of the console knows, each with an "Adopt into project…" button.
 * The grid is listed on open, on "Look again" and after an adoption, not on every poll (it asks every host).
 */
public final class UnmanagedSection<U> extends Div {

    /**
     * @param columns  adds the kind's columns (host, name, state, ...)
     * @param adoptId  the id of a row's adopt button, or null for none
     * @param adopt    opens the adoption dialog of a row
     * @param reload   lists the hosts again into {@code grid}
     */
    public UnmanagedSection(String title, Grid<U> grid, Button refresh, String hint, Consumer<Grid<U>> columns,
                            Function<U, String> adoptId, Consumer<U> adopt, Runnable reload) {
        columns.accept(grid);
        grid.addComponentColumn(u -> {
            Button button = new Button("Adopt into project…", click -> adopt.accept(u));
            if (adoptId != null) {
                button.setId(adoptId.apply(u));
            }
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return button;
        });
        grid.getColumns().forEach(column -> column.setAutoWidth(true).setFlexGrow(0));
        grid.setAllRowsVisible(true);
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.addClickListener(click -> reload.run());
        reload.run();
        Paragraph explained = new Paragraph(hint);
        explained.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(new HorizontalLayout(new H3(title), refresh), explained, grid);
    }
}
