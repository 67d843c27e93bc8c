package io.gureum.container;

import java.util.Map;

/** Whether a container belongs to the console (Gureum labels) or was made by hand on the host. */
public record Ownership(boolean managed, String resourceId, String projectId) {
    public static final Ownership UNMANAGED = new Ownership(false, null, null);

    /** Reads the Gureum labels of a container. */
    public static Ownership fromLabels(Map<String, String> labels) {
        if (labels == null || !"true".equals(labels.get(GureumLabels.MANAGED))) {
            return UNMANAGED;
        }
        return new Ownership(true, labels.get(GureumLabels.RESOURCE_ID), labels.get(GureumLabels.PROJECT_ID));
    }
}
