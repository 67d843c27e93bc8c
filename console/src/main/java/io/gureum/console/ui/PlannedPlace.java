package io.gureum.console.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.List;

/**
 * Says honestly that a place of the console is not built yet, what it will hold and which piece of
 * work brings it. Never shows made-up data.
 */
public class PlannedPlace extends Div {

    public static final String NOT_BUILT_YET = "Not built yet";

    private final String title;

    public PlannedPlace(String title, String purpose, String arrivesWith, List<String> willHold) {
        this.title = title;
        addClassName("planned-place");
        getStyle().set("max-width", "48rem").set("padding", "var(--lumo-space-m)");

        Span badge = new Span(NOT_BUILT_YET);
        badge.getElement().getThemeList().add("badge contrast");
        badge.addClassName("planned-place-badge");

        UnorderedList list = new UnorderedList();
        willHold.forEach(line -> list.add(new ListItem(line)));

        Paragraph arrives = new Paragraph("Arrives with: " + arrivesWith + ".");
        arrives.getStyle().set("color", "var(--lumo-secondary-text-color)");

        add(new H2(title), badge, new Paragraph(purpose), new Paragraph("What will be here:"), list, arrives);
    }

    public String title() {
        return title;
    }
}
