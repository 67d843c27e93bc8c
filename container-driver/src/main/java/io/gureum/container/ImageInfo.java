package io.gureum.container;

import java.time.Instant;
import java.util.List;

/** An image present on the engine. */
public record ImageInfo(String id, List<String> tags, long sizeBytes, Instant created) {
}
