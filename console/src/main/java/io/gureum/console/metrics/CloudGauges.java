package io.gureum.console.metrics;

import io.gureum.console.container.ContainerStatus;
import io.gureum.console.host.HostStatus;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.SystemActor;
import io.gureum.console.task.TaskState;
import io.gureum.console.vm.VmStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges of what the whole cloud holds, read from the database every refresh interval (not on each scrape, so a
 * scrape costs no query): workloads per kind and state, hosts per status, tasks per state, and each project's quota
 * usage and limit. Every console instance exports the same cloud-wide values. A series whose count fell to nothing
 * stays at 0 rather than vanishing, so that alerts on it see the drop.
 */
@Component
class CloudGauges {

    private static final Logger log = LoggerFactory.getLogger(CloudGauges.class);

    private final JdbcTemplate jdbc;
    private final QuotaService quotas;
    private final int maxProjects;
    private final MultiGauge workloads;
    private final MultiGauge hosts;
    private final MultiGauge tasks;
    private final MultiGauge quotaUsed;
    private final MultiGauge quotaLimit;
    private final Map<MultiGauge, Set<Tags>> seen = new HashMap<>();

    CloudGauges(JdbcTemplate jdbc, QuotaService quotas, MeterRegistry registry,
                @Value("${gureum.metrics.quota-projects:200}") int maxProjects) {
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.maxProjects = maxProjects;
        this.workloads = MultiGauge.builder("gureum.workloads").description("Workloads per kind and state")
                .register(registry);
        this.hosts = MultiGauge.builder("gureum.hosts").description("Hosts per status").register(registry);
        this.tasks = MultiGauge.builder("gureum.tasks").description("Tasks per state").register(registry);
        this.quotaUsed = MultiGauge.builder("gureum.quota.used")
                .description("What a project's resources use, per quota resource").register(registry);
        this.quotaLimit = MultiGauge.builder("gureum.quota.limit")
                .description("A project's quota limit, per quota resource").register(registry);
        // Every state from the start, at 0 until something is in it: dashboards and alerts find their series.
        for (VmStatus state : VmStatus.values()) {
            baseline(workloads, Tags.of("state", state.name(), "kind", "vm"));
        }
        for (ContainerStatus state : ContainerStatus.values()) {
            baseline(workloads, Tags.of("state", state.name(), "kind", "container"));
        }
        for (HostStatus status : HostStatus.values()) {
            baseline(hosts, Tags.of("status", status.name()));
        }
        for (TaskState state : TaskState.values()) {
            baseline(tasks, Tags.of("state", state.name()));
        }
    }

    private void baseline(MultiGauge gauge, Tags tags) {
        seen.computeIfAbsent(gauge, g -> new HashSet<>()).add(tags);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${gureum.metrics.refresh-interval:15s}")
    synchronized void refresh() {
        try {
            Map<Tags, Number> byKind = new HashMap<>();
            counts("select state, count(*) from virtual_machine group by state", "state")
                    .forEach((tags, n) -> byKind.put(tags.and("kind", "vm"), n));
            counts("select state, count(*) from container group by state", "state")
                    .forEach((tags, n) -> byKind.put(tags.and("kind", "container"), n));
            publish(workloads, byKind);
            publish(hosts, counts("select status, count(*) from host group by status", "status"));
            publish(tasks, counts("select state, count(*) from task group by state", "state"));
            publishQuotas();
        } catch (RuntimeException e) {
            // The gauges keep their last values; readiness reports a database that cannot be reached.
            log.debug("metrics refresh failed: {}", e.getMessage());
        }
    }

    private Map<Tags, Number> counts(String sql, String tag) {
        Map<Tags, Number> result = new HashMap<>();
        jdbc.query(sql, row -> {
            result.put(Tags.of(tag, row.getString(1)), row.getLong(2));
        });
        return result;
    }

    private void publishQuotas() {
        AtomicReference<List<QuotaOverview>> overview = new AtomicReference<>(List.of());
        SystemActor.run(() -> overview.set(quotas.overview()));
        Map<Tags, Number> used = new HashMap<>();
        Map<Tags, Number> limits = new HashMap<>();
        // Bounded: at most maxProjects projects (by id, oldest first) times seven resources.
        overview.get().stream().sorted((a, b) -> Long.compare(a.project().id(), b.project().id())).limit(maxProjects)
                .forEach(project -> {
                    Tags tags = Tags.of("project", project.project().name());
                    amounts(project.usage()).forEach((resource, n) -> used.put(tags.and("resource", resource), n));
                    amounts(project.limits()).forEach((resource, n) -> limits.put(tags.and("resource", resource), n));
                });
        publish(quotaUsed, used);
        publish(quotaLimit, limits);
    }

    private static Map<String, Number> amounts(ResourceAmounts a) {
        return Map.of("vcpus", a.vcpus(), "memory_mib", a.memoryMib(), "disk_gib", a.diskGib(), "vms", a.vms(),
                "containers", a.containers(), "container_cpus", a.containerCpus(),
                "container_memory_mib", a.containerMemoryMib());
    }

    private void publish(MultiGauge gauge, Map<Tags, Number> now) {
        Set<Tags> before = seen.computeIfAbsent(gauge, g -> new HashSet<>());
        Map<Tags, Number> values = new HashMap<>(now);
        for (Tags tags : before) {
            values.putIfAbsent(tags, 0);
        }
        before.addAll(now.keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        values.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n)));
        gauge.register(rows, true);
    }
}
