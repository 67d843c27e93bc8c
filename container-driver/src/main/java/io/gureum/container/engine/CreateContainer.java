package io.gureum.container.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.gureum.container.ConflictException;
import io.gureum.container.ContainerRef;
import io.gureum.container.ContainerSpec;
import io.gureum.container.GureumLabels;
import io.gureum.container.HealthCheck;
import io.gureum.container.Mount;
import io.gureum.container.PortMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Creates a container from a validated spec: its named volumes first, then the container; on
 * failure the volumes made here are removed again. Only allow-listed fields are ever sent.
 */
final class CreateContainer {
    static final String VOLUME_OF = GureumLabels.PREFIX + "volume-of";
    /** Always set: a process in a Gureum container can never gain privileges (setuid, file caps). */
    static final List<String> SECURITY_OPTS = List.of("no-new-privileges");

    private final DockerClient docker;
    private final boolean engineRunsExecHealthChecks;

    CreateContainer(DockerClient docker, boolean engineRunsExecHealthChecks) {
        this.docker = docker;
        this.engineRunsExecHealthChecks = engineRunsExecHealthChecks;
    }

    static String volumeName(String container, String volume) {
        return "gureum-" + container + "-" + volume;
    }

    ContainerRef create(ContainerSpec spec) {
        spec.requireValid();
        List<String> madeVolumes = new ArrayList<>();
        try {
            List<com.github.dockerjava.api.model.Mount> mounts = createVolumes(spec, madeVolumes);
            String id = command(spec, mounts).exec().getId();
            return new ContainerRef(id, spec.name());
        } catch (RuntimeException e) {
            for (String v : madeVolumes) {
                try {
                    docker.removeVolumeCmd(v).exec();
                } catch (RuntimeException ignored) {
                    // best effort rollback; the original failure is what the caller needs
                }
            }
            throw e;
        }
    }

    private List<com.github.dockerjava.api.model.Mount> createVolumes(ContainerSpec spec, List<String> made) {
        List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            Mount.Volume v = (Mount.Volume) m; // the validator refused every other kind
            String name = volumeName(spec.name(), v.name());
            if (volumeExists(name)) {
                // Docker would silently reuse it: another tenant's data must never be handed over.
                throw new ConflictException("volume " + name + " already exists (left by an earlier container of that name?)");
            }
            Map<String, String> labels = new LinkedHashMap<>(spec.labels() == null ? Map.of() : spec.labels().asLabels());
            labels.put(VOLUME_OF, spec.name());
            docker.createVolumeCmd().withName(name).withLabels(labels).exec();
            made.add(name);
            mounts.add(new com.github.dockerjava.api.model.Mount()
                    .withType(MountType.VOLUME).withSource(name).withTarget(v.containerPath()).withReadOnly(v.readOnly()));
        }
        return mounts;
    }

    private boolean volumeExists(String name) {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            if (e.getHttpStatus() == 404 || String.valueOf(e.getMessage()).contains("no such volume")) {
                return false;
            }
            throw e;
        }
    }

    private CreateContainerCmd command(ContainerSpec spec, List<com.github.dockerjava.api.model.Mount> mounts) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (spec.labels() != null) {
            labels.putAll(spec.labels().asLabels());
        }
        if (spec.healthCheck() != null) {
            labels.put(HealthLabel.KEY, HealthLabel.write(spec.healthCheck()));
        }

        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortMapping p : spec.ports()) {
            ExposedPort e = new ExposedPort(p.containerPort(), com.github.dockerjava.api.model.InternetProtocol.parse(p.protocol().apiName()));
            exposed.add(e);
            bindings.bind(e, p.automaticHostPort()
                    ? Ports.Binding.bindIp(p.hostIp())
                    : Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
        }

        HostConfig host = HostConfig.newHostConfig()
                .withNanoCPUs(spec.limits().nanoCpus())
                .withMemory(spec.limits().memoryBytes())
                .withPortBindings(bindings)
                .withRestartPolicy(restart(spec.restart()))
                .withSecurityOpts(SECURITY_OPTS)
                .withPrivileged(false);
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }

        CreateContainerCmd cmd = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(labels)
                .withHostConfig(host);
        if (!spec.env().isEmpty()) {
            List<String> env = new ArrayList<>();
            spec.env().forEach((k, v) -> env.add(k + "=" + v));
            cmd.withEnv(env);
        }
        if (!spec.command().isEmpty()) {
            cmd.withEntrypoint(spec.command());
        }
        if (!spec.args().isEmpty()) {
            cmd.withCmd(spec.args());
        }
        if (spec.workingDir() != null) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (!exposed.isEmpty()) {
            cmd.withExposedPorts(exposed);
        }
        if (engineRunsExecHealthChecks && spec.healthCheck() != null && spec.healthCheck().probe() instanceof HealthCheck.Exec exec) {
            HealthCheck h = spec.healthCheck();
            List<String> test = new ArrayList<>();
            test.add("CMD");
            test.addAll(exec.command());
            cmd.withHealthcheck(new com.github.dockerjava.api.model.HealthCheck()
                    .withTest(test)
                    .withInterval(TimeUnit.MILLISECONDS.toNanos(h.interval().toMillis()))
                    .withTimeout(TimeUnit.MILLISECONDS.toNanos(h.timeout().toMillis()))
                    .withRetries(h.retries())
                    .withStartPeriod(TimeUnit.MILLISECONDS.toNanos(h.startPeriod().toMillis())));
        }
        return cmd;
    }

    private static RestartPolicy restart(io.gureum.container.RestartPolicy r) {
        return switch (r.mode()) {
            case NO -> RestartPolicy.noRestart();
            case ON_FAILURE -> RestartPolicy.onFailureRestart(r.maxRetries());
            case ALWAYS -> RestartPolicy.alwaysRestart();
            case UNLESS_STOPPED -> RestartPolicy.unlessStoppedRestart();
        };
    }

}
