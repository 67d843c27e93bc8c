package io.gureum.container;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Inspected state of one container.
 *
 * @param exitCode   exit code of the last run, null while it never ran
 * @param startedAt  last start, null if never started
 * @param finishedAt last exit, null if never exited
 * @param ipAddress  address on the engine's default network, null if none
 */
public record ContainerInfo(
        String id,
        String name,
        String image,
        ContainerState state,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt,
        boolean oomKilled,
        int restartCount,
        Health health,
        List<PublishedPort> ports,
        String ipAddress,
        Limits limits,
        RestartPolicy restartPolicy,
        Map<String, String> labels,
        Ownership ownership) {

    public boolean running() {
        return state == ContainerState.RUNNING;
    }

    /** Host port published for a container port, or -1. */
    public int hostPort(int containerPort, Protocol protocol) {
        return ports.stream()
                .filter(p -> p.containerPort() == containerPort && p.protocol() == protocol && p.hostPort() > 0)
                .mapToInt(PublishedPort::hostPort).findFirst().orElse(-1);
    }
}
