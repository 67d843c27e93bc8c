package io.gureum.console.workload.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** How a workload page runs an action: the service decides, a refusal is shown as a notification. */
public final class WorkloadActions {

    private WorkloadActions() {
    }

    /** Runs {@code action}; true when it was accepted, false when it was refused (and the refusal shown). */
    public static boolean run(Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException refused) {
            Notification.show(refused.getMessage(), 8000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
    }

    /** Asks "Delete {noun} {name}?" with {@code consequence} and runs {@code delete} on yes. */
    public static void confirmDelete(String noun, String name, String consequence, Runnable delete) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + noun + " " + name + "?", consequence, "Delete",
                yes -> delete.run());
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }
}
