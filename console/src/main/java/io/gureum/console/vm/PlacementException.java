package io.gureum.console.vm;

import io.gureum.console.task.Explained;

/** No host can take a VM; the message says why, host by host. */
public class PlacementException extends RuntimeException implements Explained {

    PlacementException(String message) {
        super(message);
    }

    @Override
    public String whatToDo() {
        return "Choose a smaller size, free capacity by deleting VMs, or ask an administrator to add a host or "
                + "end a host's maintenance.";
    }
}
