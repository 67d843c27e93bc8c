package io.gureum.console.container;

import java.time.Instant;
import java.util.List;

/**
 * A container as its page shows it: the console's record and what its engine says now.
 *
 * @param onEngine       false when it has nothing on a host yet or its engine does not answer
 * @param ports          published ports as {@code 127.0.0.1:<hostPort> → <port>/tcp}
 * @param health         none, starting, healthy or unhealthy (null when unknown)
 * @param healthOutput   the output of the last health check, or null
 */
public record ContainerDetails(ContainerSummary summary, boolean onEngine, String engineState, String ipAddress,
                               List<String> ports, String health, String healthOutput, Instant healthCheckedAt,
                               int failingStreak, Integer exitCode, Instant startedAt, int restartCount,
                               boolean oomKilled) {
}
