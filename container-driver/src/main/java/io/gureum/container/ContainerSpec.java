package io.gureum.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container should be. Built freely, checked by {@link #problems()}: the driver refuses
 * a spec with any problem before it calls the engine, so nothing is created.
 *
 * @param name        engine container name (also prefixes its volumes)
 * @param image       image reference, already present on the engine
 * @param command     replaces the image's entrypoint when not empty
 * @param args        arguments (the image's CMD when {@code command} is empty)
 * @param env         environment; keys must be shell-style identifiers
 * @param workingDir  absolute path inside the container, or null for the image's
 * @param ports       published ports
 * @param limits      CPU and memory limits (required)
 * @param restart     restart policy
 * @param healthCheck health check, or null
 * @param labels      the console's identity for the container, or null for none
 * @param mounts      named volumes (bind mounts are refused)
 * @param hostAccess  host privileges requested (all refused); {@link HostAccess#NONE} normally
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        List<String> args,
        Map<String, String> env,
        String workingDir,
        List<PortMapping> ports,
        Limits limits,
        RestartPolicy restart,
        HealthCheck healthCheck,
        GureumLabels labels,
        List<Mount> mounts,
        HostAccess hostAccess) {

    public ContainerSpec {
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ports = ports == null ? List.of() : List.copyOf(ports);
        restart = restart == null ? RestartPolicy.no() : restart;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        hostAccess = hostAccess == null ? HostAccess.NONE : hostAccess;
    }

    /** Every reason this spec would be refused; empty when it is acceptable. */
    public List<String> problems() {
        return SpecValidator.problems(this);
    }

    /** Throws {@link InvalidSpecException} listing all problems, if any. */
    public ContainerSpec requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return this;
    }

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, image);
        b.command = new ArrayList<>(command);
        b.args = new ArrayList<>(args);
        b.env = new LinkedHashMap<>(env);
        b.workingDir = workingDir;
        b.ports = new ArrayList<>(ports);
        b.limits = limits;
        b.restart = restart;
        b.healthCheck = healthCheck;
        b.labels = labels;
        b.mounts = new ArrayList<>(mounts);
        b.hostAccess = hostAccess;
        return b;
    }

    /** Fluent construction of a spec; {@link #build()} does not validate. */
    public static final class Builder {
        private String name;
        private String image;
        private List<String> command = new ArrayList<>();
        private List<String> args = new ArrayList<>();
        private Map<String, String> env = new LinkedHashMap<>();
        private String workingDir;
        private List<PortMapping> ports = new ArrayList<>();
        private Limits limits;
        private RestartPolicy restart = RestartPolicy.no();
        private HealthCheck healthCheck;
        private GureumLabels labels;
        private List<Mount> mounts = new ArrayList<>();
        private HostAccess hostAccess = HostAccess.NONE;

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder command(String... command) {
            this.command = new ArrayList<>(List.of(command));
            return this;
        }

        public Builder args(String... args) {
            this.args = new ArrayList<>(List.of(args));
            return this;
        }

        public Builder env(String key, String value) {
            this.env.put(key, value);
            return this;
        }

        public Builder workingDir(String workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        public Builder port(PortMapping port) {
            this.ports.add(port);
            return this;
        }

        public Builder limits(double cpus, long memoryMiB) {
            this.limits = Limits.of(cpus, memoryMiB);
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder restart(RestartPolicy restart) {
            this.restart = restart;
            return this;
        }

        public Builder healthCheck(HealthCheck healthCheck) {
            this.healthCheck = healthCheck;
            return this;
        }

        public Builder labels(String resourceId, String projectId) {
            this.labels = new GureumLabels(resourceId, projectId);
            return this;
        }

        public Builder mount(Mount mount) {
            this.mounts.add(mount);
            return this;
        }

        public Builder volume(String name, String containerPath) {
            return mount(Mount.volume(name, containerPath));
        }

        public Builder hostAccess(HostAccess hostAccess) {
            this.hostAccess = hostAccess;
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(name, image, command, args, env, workingDir, ports, limits, restart,
                    healthCheck, labels, mounts, hostAccess);
        }
    }
}
