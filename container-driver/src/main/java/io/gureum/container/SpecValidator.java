package io.gureum.container;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The allow-list: what a container spec may ask for. Everything else is a problem in words. */
final class SpecValidator {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Image references: registry/path:tag or @digest, no whitespace or shell characters. */
    static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._:/-]{0,254}(@sha256:[a-f0-9]{64})?|[a-f0-9]{12,64}");
    static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");
    /** Security options that only take privileges away. */
    static final Set<String> ALLOWED_SECURITY_OPTIONS = Set.of("no-new-privileges", "no-new-privileges:true", "no-new-privileges=true");
    static final int MAX_LIST = 64;
    static final int MAX_ARG_CHARS = 8192;

    private SpecValidator() {
    }

    static List<String> problems(ContainerSpec spec) {
        List<String> p = new ArrayList<>();
        name(spec, p);
        image(spec, p);
        commandLine(spec, p);
        env(spec.env(), p);
        workingDir(spec.workingDir(), p);
        ports(spec.ports(), p);
        limits(spec.limits(), p);
        restart(spec.restart(), p);
        health(spec.healthCheck(), p);
        labels(spec.labels(), p);
        mounts(spec.mounts(), p);
        hostAccess(spec.hostAccess(), p);
        return List.copyOf(p);
    }

    private static void name(ContainerSpec spec, List<String> p) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            p.add("name must be 1-63 characters of letters, digits, '_', '.', '-' starting with a letter or digit: " + quote(spec.name()));
        }
    }

    private static void image(ContainerSpec spec, List<String> p) {
        if (spec.image() == null || !IMAGE.matcher(spec.image()).matches()) {
            p.add("image must be a lower-case image reference (name[:tag] or @sha256 digest): " + quote(spec.image()));
        }
    }

    private static void commandLine(ContainerSpec spec, List<String> p) {
        if (spec.command().size() + spec.args().size() > MAX_LIST) {
            p.add("command and args may have at most " + MAX_LIST + " items");
        }
        for (String s : concat(spec.command(), spec.args())) {
            if (s == null || s.indexOf('\0') >= 0 || s.length() > MAX_ARG_CHARS) {
                p.add("command and args must be non-null strings without NUL, at most " + MAX_ARG_CHARS + " characters");
                return;
            }
        }
    }

    private static void env(Map<String, String> env, List<String> p) {
        if (env.size() > 256) {
            p.add("at most 256 environment variables");
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() == null || !ENV_KEY.matcher(e.getKey()).matches()) {
                p.add("environment key must be a shell identifier ([A-Za-z_][A-Za-z0-9_]*): " + quote(e.getKey()));
            } else if (e.getValue() == null || e.getValue().indexOf('\0') >= 0 || e.getValue().length() > MAX_ARG_CHARS) {
                p.add("environment value of " + e.getKey() + " must be non-null, without NUL, at most " + MAX_ARG_CHARS + " characters");
            }
        }
    }

    private static void workingDir(String dir, List<String> p) {
        if (dir != null && !isCleanAbsolutePath(dir)) {
            p.add("working directory must be an absolute path without '..': " + quote(dir));
        }
    }

    private static void ports(List<PortMapping> ports, List<String> p) {
        Set<String> seen = new HashSet<>();
        for (PortMapping m : ports) {
            if (m == null) {
                p.add("port mapping must not be null");
                continue;
            }
            if (m.containerPort() < 1 || m.containerPort() > 65535) {
                p.add("container port must be 1-65535: " + m.containerPort());
            }
            if (m.hostPort() < 0 || m.hostPort() > 65535) {
                p.add("host port must be 0 (automatic) or 1-65535: " + m.hostPort());
            }
            if (!isIpLiteral(m.hostIp())) {
                p.add("host IP must be an IP address literal: " + quote(m.hostIp()));
            }
            if (!seen.add(m.containerPort() + "/" + m.protocol())) {
                p.add("container port published twice: " + m.containerPort() + "/" + m.protocol().apiName());
            }
        }
    }

    private static void limits(Limits limits, List<String> p) {
        if (limits == null) {
            p.add("limits are required: CPU and memory");
            return;
        }
        if (!(limits.cpus() >= Limits.MIN_CPUS && limits.cpus() <= Limits.MAX_CPUS)) {
            p.add("CPU limit must be between " + Limits.MIN_CPUS + " and " + Limits.MAX_CPUS + ": " + limits.cpus());
        }
        if (limits.memoryBytes() < Limits.MIN_MEMORY_BYTES || limits.memoryBytes() > Limits.MAX_MEMORY_BYTES) {
            p.add("memory limit must be between 6 MiB and 256 GiB: " + limits.memoryBytes() + " bytes");
        }
    }

    private static void restart(RestartPolicy r, List<String> p) {
        if (r.mode() == RestartPolicy.Mode.ON_FAILURE) {
            if (r.maxRetries() < 0 || r.maxRetries() > RestartPolicy.MAX_RETRIES) {
                p.add("on-failure restart retries must be 0-" + RestartPolicy.MAX_RETRIES + ": " + r.maxRetries());
            }
        } else if (r.maxRetries() != 0) {
            p.add("restart retries only apply to on-failure");
        }
    }

    private static void health(HealthCheck h, List<String> p) {
        if (h == null) {
            return;
        }
        if (h.probe() == null) {
            p.add("health check needs a probe (exec command or HTTP GET)");
        } else if (h.probe() instanceof HealthCheck.Exec exec) {
            if (exec.command().isEmpty() || exec.command().stream().anyMatch(s -> s == null || s.indexOf('\0') >= 0)) {
                p.add("health check command must be a non-empty list of strings");
            }
        } else if (h.probe() instanceof HealthCheck.HttpGet get) {
            if (get.port() < 1 || get.port() > 65535) {
                p.add("health check HTTP port must be 1-65535: " + get.port());
            }
            if (!get.path().startsWith("/") || get.path().chars().anyMatch(c -> c <= ' ' || c == 127)) {
                p.add("health check HTTP path must start with '/' and contain no spaces or control characters");
            }
        }
        if (h.interval() == null || h.interval().compareTo(HealthCheck.MIN_INTERVAL) < 0 || h.interval().compareTo(HealthCheck.MAX_INTERVAL) > 0) {
            p.add("health check interval must be between 1 s and 1 h");
        }
        if (h.timeout() == null || h.timeout().compareTo(Duration.ofMillis(100)) < 0
                || (h.interval() != null && h.timeout().compareTo(h.interval()) > 0)) {
            p.add("health check timeout must be at least 100 ms and at most the interval");
        }
        if (h.retries() < 1 || h.retries() > HealthCheck.MAX_RETRIES) {
            p.add("health check retries must be 1-" + HealthCheck.MAX_RETRIES);
        }
        if (h.startPeriod().isNegative() || h.startPeriod().compareTo(Duration.ofHours(1)) > 0) {
            p.add("health check start period must be 0-1 h");
        }
    }

    private static void labels(GureumLabels labels, List<String> p) {
        if (labels == null) {
            return;
        }
        if (labels.resourceId() != null && !LABEL_VALUE.matcher(labels.resourceId()).matches()) {
            p.add("resource id label must be 1-128 characters of letters, digits, '.', '_', ':', '-'");
        }
        if (labels.projectId() != null && !LABEL_VALUE.matcher(labels.projectId()).matches()) {
            p.add("project id label must be 1-128 characters of letters, digits, '.', '_', ':', '-'");
        }
    }

    private static void mounts(List<Mount> mounts, List<String> p) {
        Set<String> names = new HashSet<>();
        Set<String> targets = new HashSet<>();
        for (Mount m : mounts) {
            if (m == null) {
                p.add("mount must not be null");
                continue;
            }
            if (m instanceof Mount.Bind bind) {
                String host = String.valueOf(bind.hostPath());
                if (host.endsWith("docker.sock") || host.endsWith("podman.sock") || host.contains("/run/podman") || host.contains("/run/docker")) {
                    p.add("mounting the engine's own socket is not allowed (it gives full control of the host): " + host);
                } else {
                    p.add("bind mounts of host paths are not allowed, use a named volume: " + host);
                }
                continue;
            }
            Mount.Volume v = (Mount.Volume) m;
            if (v.name() == null || !VOLUME_NAME.matcher(v.name()).matches()) {
                p.add("volume name must be 1-63 characters of letters, digits, '_', '.', '-' (not a path): " + quote(v.name()));
            } else if (!names.add(v.name())) {
                p.add("volume used twice: " + v.name());
            }
            if (v.containerPath() == null || !isCleanAbsolutePath(v.containerPath()) || "/".equals(v.containerPath())) {
                p.add("volume mount point must be an absolute path other than '/' without '..': " + quote(v.containerPath()));
            } else if (!targets.add(v.containerPath())) {
                p.add("two volumes on the same mount point: " + v.containerPath());
            }
        }
    }

    private static void hostAccess(HostAccess a, List<String> p) {
        if (a.privileged()) {
            p.add("privileged mode is not allowed");
        }
        if (!a.addCapabilities().isEmpty()) {
            p.add("added capabilities are not allowed: " + a.addCapabilities());
        }
        if (!a.devices().isEmpty()) {
            p.add("host devices are not allowed: " + a.devices());
        }
        namespace("pid", a.pidMode(), p);
        namespace("network", a.networkMode(), p);
        namespace("ipc", a.ipcMode(), p);
        namespace("uts", a.utsMode(), p);
        for (String opt : a.securityOptions()) {
            String o = opt == null ? "" : opt.trim().toLowerCase(Locale.ROOT);
            if (o.contains("unconfined") || o.contains("disable")) {
                p.add("unconfined security options are not allowed: " + opt);
            } else if (!ALLOWED_SECURITY_OPTIONS.contains(o)) {
                p.add("security option not in the allow-list (only no-new-privileges): " + opt);
            }
        }
    }

    private static void namespace(String kind, String mode, List<String> p) {
        if (mode == null || mode.isEmpty() || "private".equals(mode) || ("network".equals(kind) && ("bridge".equals(mode) || "default".equals(mode)))) {
            return;
        }
        if ("host".equals(mode)) {
            p.add("the host " + kind + " namespace is not allowed");
        } else {
            p.add(kind + " namespace mode not allowed (only the container's own): " + mode);
        }
    }

    static boolean isCleanAbsolutePath(String path) {
        if (!path.startsWith("/") || path.indexOf('\0') >= 0 || path.length() > 4096) {
            return false;
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpLiteral(String ip) {
        return ip != null && (IPV4.matcher(ip).matches() || (ip.contains(":") && IPV6.matcher(ip).matches()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
