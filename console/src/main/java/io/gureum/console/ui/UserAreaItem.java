package io.gureum.console.ui;

import com.vaadin.flow.component.Component;

/**
 * Something a feature offers in the shell's user area (e.g. "Change my password"), so that the shell
 * needs to know no feature. Implementations are Spring beans; {@link #create()} runs once per layout.
 */
public interface UserAreaItem {

    Component create();
}
