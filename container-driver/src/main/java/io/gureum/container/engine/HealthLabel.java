package io.gureum.container.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.container.GureumLabels;
import io.gureum.container.HealthCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A health check written as a container label, so the driver's checker (and a console restarted
 * later) knows what to run without any state of its own.
 */
final class HealthLabel {
    static final String KEY = GureumLabels.PREFIX + "health";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthLabel() {
    }

    static String write(HealthCheck check) {
        ObjectNode n = JSON.createObjectNode();
        if (check.probe() instanceof HealthCheck.Exec exec) {
            ArrayNode cmd = n.putArray("exec");
            exec.command().forEach(cmd::add);
        } else if (check.probe() instanceof HealthCheck.HttpGet get) {
            n.put("httpPort", get.port());
            n.put("path", get.path());
        }
        n.put("intervalMs", check.interval().toMillis());
        n.put("timeoutMs", check.timeout().toMillis());
        n.put("retries", check.retries());
        n.put("startPeriodMs", check.startPeriod().toMillis());
        return n.toString();
    }

    /** The check in a label value, or null when it is absent or unreadable. */
    static HealthCheck read(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            HealthCheck.Probe probe;
            if (n.has("exec")) {
                List<String> cmd = new ArrayList<>();
                n.get("exec").forEach(e -> cmd.add(e.asText()));
                probe = new HealthCheck.Exec(cmd);
            } else {
                probe = new HealthCheck.HttpGet(n.path("httpPort").asInt(), n.path("path").asText("/"));
            }
            return new HealthCheck(probe, Duration.ofMillis(n.path("intervalMs").asLong(30_000)),
                    Duration.ofMillis(n.path("timeoutMs").asLong(5_000)), n.path("retries").asInt(3),
                    Duration.ofMillis(n.path("startPeriodMs").asLong(0)));
        } catch (Exception e) {
            return null;
        }
    }
}
