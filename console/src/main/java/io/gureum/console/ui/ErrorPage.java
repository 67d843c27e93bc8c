package io.gureum.console.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;


/** What the error pages share: a title, a sentence in words and a way back, inside the console's layout. */
abstract class ErrorPage extends Main {

    final H2 title = new H2();
    final Paragraph text = new Paragraph();

    ErrorPage(String id) {
        setId(id);
        getStyle().set("padding", "var(--lumo-space-m)");
        text.setId(id + "-text");
        add(title, text, new Anchor("", "Go to the dashboard"));
    }

    void show(String heading, String sentence) {
        title.setText(heading);
        text.setText(sentence);
    }
}
