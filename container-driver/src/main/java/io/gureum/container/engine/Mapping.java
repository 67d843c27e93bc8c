package io.gureum.container.engine;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.gureum.container.ContainerInfo;
import io.gureum.container.ContainerState;
import io.gureum.container.ContainerSummary;
import io.gureum.container.Health;
import io.gureum.container.HealthStatus;
import io.gureum.container.ImageInfo;
import io.gureum.container.Limits;
import io.gureum.container.Ownership;
import io.gureum.container.Protocol;
import io.gureum.container.PublishedPort;
import io.gureum.container.RestartPolicy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** docker-java models to SPI records. */
final class Mapping {
    private Mapping() {
    }

    static ContainerInfo info(InspectContainerResponse r, Health driverHealth) {
        InspectContainerResponse.ContainerState s = r.getState();
        Map<String, String> labels = r.getConfig() != null && r.getConfig().getLabels() != null ? Map.copyOf(r.getConfig().getLabels()) : Map.of();
        Instant started = time(s == null ? null : s.getStartedAt());
        Instant finished = time(s == null ? null : s.getFinishedAt());
        Long exit = s == null ? null : s.getExitCodeLong();
        ContainerState state = s == null ? ContainerState.UNKNOWN : ContainerState.fromApiName(s.getStatus());
        Integer exitCode = exit == null || (started == null && state == ContainerState.CREATED) ? null : exit.intValue();
        HostConfig hc = r.getHostConfig();
        return new ContainerInfo(
                r.getId(),
                stripSlash(r.getName()),
                r.getConfig() != null ? r.getConfig().getImage() : r.getImageId(),
                state,
                exitCode,
                started,
                finished,
                s != null && Boolean.TRUE.equals(s.getOOMKilled()),
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                driverHealth != null ? driverHealth : engineHealth(s == null ? null : s.getHealth()),
                ports(r),
                ipAddress(r),
                limits(hc),
                restart(hc),
                labels,
                Ownership.fromLabels(labels));
    }

    static Health engineHealth(HealthState h) {
        if (h == null || h.getStatus() == null || h.getStatus().isEmpty()) {
            return Health.NONE;
        }
        String output = null;
        Instant last = null;
        List<HealthStateLog> log = h.getLog();
        if (log != null && !log.isEmpty()) {
            HealthStateLog l = log.get(log.size() - 1);
            output = l.getOutput();
            last = time(l.getEnd());
        }
        return new Health(HealthStatus.fromApiName(h.getStatus()), h.getFailingStreak() == null ? 0 : h.getFailingStreak(),
                output, last, Health.Source.ENGINE);
    }

    static List<PublishedPort> ports(InspectContainerResponse r) {
        List<PublishedPort> out = new ArrayList<>();
        if (r.getNetworkSettings() == null || r.getNetworkSettings().getPorts() == null) {
            return out;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> e : r.getNetworkSettings().getPorts().getBindings().entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            for (Ports.Binding b : e.getValue()) {
                int hostPort = parsePort(b.getHostPortSpec());
                out.add(new PublishedPort(e.getKey().getPort(), Protocol.fromApiName(e.getKey().getProtocol().toString()),
                        b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp(), hostPort));
            }
        }
        return out;
    }

    static String ipAddress(InspectContainerResponse r) {
        if (r.getNetworkSettings() == null) {
            return null;
        }
        String ip = r.getNetworkSettings().getIpAddress();
        if (ip != null && !ip.isEmpty()) {
            return ip;
        }
        Map<String, ContainerNetwork> nets = r.getNetworkSettings().getNetworks();
        if (nets != null) {
            for (ContainerNetwork n : nets.values()) {
                if (n.getIpAddress() != null && !n.getIpAddress().isEmpty()) {
                    return n.getIpAddress();
                }
            }
        }
        return null;
    }

    static Limits limits(HostConfig hc) {
        if (hc == null) {
            return new Limits(0, 0);
        }
        double cpus = 0;
        if (hc.getNanoCPUs() != null && hc.getNanoCPUs() > 0) {
            cpus = hc.getNanoCPUs() / 1e9;
        } else if (hc.getCpuQuota() != null && hc.getCpuQuota() > 0 && hc.getCpuPeriod() != null && hc.getCpuPeriod() > 0) {
            cpus = (double) hc.getCpuQuota() / hc.getCpuPeriod();
        }
        return new Limits(cpus, hc.getMemory() == null ? 0 : hc.getMemory());
    }

    static RestartPolicy restart(HostConfig hc) {
        if (hc == null || hc.getRestartPolicy() == null) {
            return RestartPolicy.no();
        }
        RestartPolicy.Mode mode = RestartPolicy.Mode.fromApiName(hc.getRestartPolicy().getName());
        Integer n = hc.getRestartPolicy().getMaximumRetryCount();
        return new RestartPolicy(mode, mode == RestartPolicy.Mode.ON_FAILURE && n != null ? n : 0);
    }

    static ContainerSummary summary(com.github.dockerjava.api.model.Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : Map.copyOf(c.getLabels());
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : stripSlash(c.getNames()[0]);
        return new ContainerSummary(c.getId(), name, c.getImage(), ContainerState.fromApiName(c.getState()), c.getStatus(),
                c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()), labels, Ownership.fromLabels(labels));
    }

    static ImageInfo image(com.github.dockerjava.api.model.Image i) {
        List<String> tags = i.getRepoTags() == null ? List.of()
                : Arrays.stream(i.getRepoTags()).filter(t -> !t.startsWith("<none>")).toList();
        return new ImageInfo(i.getId(), tags, i.getSize() == null ? 0 : i.getSize(),
                i.getCreated() == null ? null : Instant.ofEpochSecond(i.getCreated()));
    }

    static ImageInfo image(com.github.dockerjava.api.command.InspectImageResponse i) {
        return new ImageInfo(i.getId(), i.getRepoTags() == null ? List.of() : List.copyOf(i.getRepoTags()),
                i.getSize() == null ? 0 : i.getSize(), time(i.getCreated()));
    }

    /** Engine timestamps; Go's zero time ("0001-01-01...") means never. */
    static Instant time(String s) {
        if (s == null || s.isEmpty() || s.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static int parsePort(String spec) {
        try {
            return spec == null || spec.isEmpty() ? 0 : Integer.parseInt(spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
