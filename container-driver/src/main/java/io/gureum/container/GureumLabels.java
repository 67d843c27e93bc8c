package io.gureum.container;

import java.util.LinkedHashMap;
import java.util.Map;

/** The console's identity for a container, stored as engine labels so a listing tells managed from unmanaged. */
public record GureumLabels(String resourceId, String projectId) {
    public static final String PREFIX = "io.gureum.";
    public static final String MANAGED = PREFIX + "managed";
    public static final String RESOURCE_ID = PREFIX + "resource-id";
    public static final String PROJECT_ID = PREFIX + "project-id";

    /** Labels written on the container (and its volumes). */
    public Map<String, String> asLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        if (resourceId != null) {
            labels.put(RESOURCE_ID, resourceId);
        }
        if (projectId != null) {
            labels.put(PROJECT_ID, projectId);
        }
        return labels;
    }
}
