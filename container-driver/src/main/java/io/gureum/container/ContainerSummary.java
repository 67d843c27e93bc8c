package io.gureum.container;

import java.time.Instant;
import java.util.Map;

/** One row of a container listing; {@code ownership} tells console-managed from hand-made containers. */
public record ContainerSummary(
        String id,
        String name,
        String image,
        ContainerState state,
        String status,
        Instant created,
        Map<String, String> labels,
        Ownership ownership) {
}
