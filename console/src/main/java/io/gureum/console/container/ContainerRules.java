package io.gureum.console.container;

import static io.gureum.console.container.ContainerService.ENV_KEY;
import static io.gureum.console.container.ContainerService.MAX_COMMAND;
import static io.gureum.console.container.ContainerService.MAX_CPUS;
import static io.gureum.console.container.ContainerService.MAX_HEALTH_INTERVAL_SECONDS;
import static io.gureum.console.container.ContainerService.MAX_MEMORY_MIB;
import static io.gureum.console.container.ContainerService.MIN_CPUS;
import static io.gureum.console.container.ContainerService.MIN_MEMORY_MIB;
import static io.gureum.console.container.ContainerService.RESTART_POLICIES;

import io.gureum.console.system.Echo;
import io.gureum.container.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A create request checked against the console's rules for containers, field by field, before anything is asked of
 * an engine or recorded: each refusal names its field. The image is normalized here; whether an engine holds it is
 * {@link ContainerPlacement}'s question.
 */
final class ContainerRules {

    /** A request that passed: what the create records and asks the engine for. */
    record Checked(String name, String image, String command, Map<String, String> env, String restartPolicy,
                   Integer containerPort, HealthCheck healthCheck, int millicpus) {

        /** The CPUs the quota counts: whole ones, rounded up. */
        int wholeCpus() {
            return (millicpus + 999) / 1000;
        }
    }

    private ContainerRules() {
    }

    static Checked checked(NewContainer request) {
        String name = request.name();
        ContainerService.NAME_RULE.problem(name).ifPresent(problem -> {
            throw new ContainerValidationException("name", problem);
        });
        if (!(request.cpus() >= MIN_CPUS && request.cpus() <= MAX_CPUS)) {
            throw new ContainerValidationException("cpus", "A container has " + MIN_CPUS + " to " + (int) MAX_CPUS
                    + " CPUs, not " + Echo.shortened(Double.toString(request.cpus())) + ".");
        }
        if (request.memoryMib() < MIN_MEMORY_MIB || request.memoryMib() > MAX_MEMORY_MIB) {
            throw new ContainerValidationException("memoryMib", "A container has " + MIN_MEMORY_MIB + " to "
                    + MAX_MEMORY_MIB + " MiB of memory, not " + request.memoryMib() + ".");
        }
        String restart = request.restartPolicy() == null || request.restartPolicy().isBlank() ? "no"
                : request.restartPolicy().strip();
        if (!RESTART_POLICIES.contains(restart)) {
            throw new ContainerValidationException("restartPolicy", "Restart policy " + Echo.quoted(restart)
                    + " is not one of "
                    + RESTART_POLICIES + ".");
        }
        String command = request.command() == null || request.command().isBlank() ? null : request.command().strip();
        if (command != null && (command.length() > MAX_COMMAND || command.indexOf('\0') >= 0)) {
            throw new ContainerValidationException("command",
                    "The command has at most " + MAX_COMMAND + " characters.");
        }
        Integer port = request.containerPort();
        if (port != null && (port < 1 || port > 65535)) {
            throw new ContainerValidationException("containerPort", "A container port is 1 to 65535, not " + port
                    + ".");
        }
        Map<String, String> env = request.env() == null ? Map.of() : new LinkedHashMap<>(request.env());
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() == null || !ENV_KEY.matcher(e.getKey()).matches() || e.getValue() == null
                    || e.getValue().indexOf('\0') >= 0) {
                throw new ContainerValidationException("env", "Environment variable " + Echo.quoted(e.getKey())
                        + " is not valid: "
                        + "names are letters, digits and '_', not starting with a digit.");
            }
        }
        HealthCheck check = healthCheck(request.healthCheck());
        String image = normalized(request.image() == null || request.image().isBlank()
                ? ContainerService.DEFAULT_IMAGE : request.image().strip());
        return new Checked(name, image, command, env, restart, port, check,
                (int) Math.round(request.cpus() * 1000));
    }

    /** The driver's health check for a request's, or null; refuses one the driver would refuse. */
    static HealthCheck healthCheck(NewHealthCheck asked) {
        if (asked == null) {
            return null;
        }
        if (asked.intervalSeconds() < 1 || asked.intervalSeconds() > MAX_HEALTH_INTERVAL_SECONDS) {
            throw new ContainerValidationException("healthInterval",
                    "A health check runs every 1 to " + MAX_HEALTH_INTERVAL_SECONDS
                    + " seconds, not " + asked.intervalSeconds() + ".");
        }
        if (asked.timeoutSeconds() < 1 || asked.timeoutSeconds() > asked.intervalSeconds()) {
            throw new ContainerValidationException("healthTimeout",
                    "A health check's timeout is 1 second to its interval ("
                    + asked.intervalSeconds() + " s), not " + asked.timeoutSeconds() + ".");
        }
        if (asked.retries() < 1 || asked.retries() > HealthCheck.MAX_RETRIES) {
            throw new ContainerValidationException("healthRetries", "A health check has 1 to "
                    + HealthCheck.MAX_RETRIES + " retries, not " + asked.retries() + ".");
        }
        Duration interval = Duration.ofSeconds(asked.intervalSeconds());
        Duration timeout = Duration.ofSeconds(asked.timeoutSeconds());
        String command = asked.command() == null || asked.command().isBlank() ? null : asked.command().strip();
        if (command != null) {
            if (command.length() > MAX_COMMAND || command.indexOf('\0') >= 0) {
                throw new ContainerValidationException("healthCommand",
                        "The health check command has at most " + MAX_COMMAND
                        + " characters.");
            }
            return HealthCheck.exec(List.of("sh", "-c", command), interval, timeout, asked.retries());
        }
        if (asked.httpPort() == null) {
            throw new ContainerValidationException("healthPort", "A health check needs a command or an HTTP port.");
        }
        if (asked.httpPort() < 1 || asked.httpPort() > 65535) {
            throw new ContainerValidationException("healthPort", "A health check's HTTP port is 1 to 65535, not "
                    + asked.httpPort() + ".");
        }
        String path = asked.httpPath() == null || asked.httpPath().isBlank() ? "/" : asked.httpPath().strip();
        if (!path.startsWith("/") || path.length() > 1000 || path.chars().anyMatch(ch -> ch <= ' ' || ch == 127)) {
            throw new ContainerValidationException("healthPath", "A health check's HTTP path starts with '/' and has "
                    + "no spaces, not " + Echo.quoted(path) + ".");
        }
        return HealthCheck.httpGet(asked.httpPort(), path, interval, timeout, asked.retries());
    }

    /** The image reference with the tag ":latest" when it names none (nor a digest). */
    static String normalized(String image) {
        int slash = image.lastIndexOf('/');
        return image.indexOf(':', slash + 1) < 0 && !image.contains("@") ? image + ":latest" : image;
    }
}
