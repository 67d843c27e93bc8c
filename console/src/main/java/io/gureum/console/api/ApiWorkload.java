package io.gureum.console.api;

import java.time.Instant;
import java.util.UUID;

/** What the API's record of a workload of any kind has: its id and when it last changed (its ETag). */
interface ApiWorkload {

    UUID id();

    Instant updatedAt();
}
