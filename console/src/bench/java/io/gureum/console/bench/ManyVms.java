package io.gureum.console.bench;

import static io.gureum.console.testsupport.Actors.asAdmin;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.hypervisor.GureumMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The large world the scale and memory benchmarks share: {@value #VMS} managed VMs over {@value #HOSTS} hosts.
 * Every host is a real libvirt connection to the test driver with its own node file
 * ({@code test:///abs/path/target/bench/many-vms/<host>.xml}: a {@code <node>} with inline {@code <domain type='test'>}
 * elements that carry the console's Gureum metadata, so the console sees them as its own VMs); the first host holds
 * {@value #BIG_HOST_DOMAINS} domains (the resync measure), the others share the rest. The database holds one
 * {@code virtual_machine} row per domain (same id as the metadata's resource id, same domain UUID, name, host and
 * project, state matching the domain's run state), inserted by JDBC batches in a few seconds, over
 * {@value #PROJECTS} projects made through the real facades ({@link Fixtures#tenant}); their quotas are raised so the
 * rows fit.
 *
 * <p>Hosts are recorded directly in the {@code host} table, not through {@code HostService.register}: the register
 * path refuses every test-driver URI but {@code test:///default} on purpose (a test-driver URI makes libvirt read a
 * file on the console's machine), and a benchmark is no reason to loosen that. After the rows exist each host is
 * observed through {@code HostService.refresh} (opens the connection, turns it UP, which resyncs its VMs), exactly as
 * the monitor would.
 *
 * <p>{@link #ensureLoaded} is idempotent (loaded once per JVM until {@link #unload}); benchmarks call it in
 * {@code @BeforeAll} and {@link #unload} in {@code @AfterAll}, so the shared Spring context holds the 20 extra hosts
 * (which placement would otherwise pick) only while they run.
 */
public final class ManyVms {

    public static final int VMS = 10_000;
    public static final int HOSTS = 20;
    public static final int BIG_HOST_DOMAINS = 1_000;
    public static final int PROJECTS = 4;
    /** Names are {@code <kind>-<5 digits>}; the kinds rotate, so "web-0" narrows to a few hundred rows. */
    static final String[] KINDS = {"web", "db", "cache", "api", "batch"};

    /**
     * What was loaded.
     *
     * @param memberUsername a MEMBER of {@code projectIds.get(0)} only (sees {@code memberVisibleVms} VMs)
     * @param bigHostId the host with {@link #BIG_HOST_DOMAINS} domains
     * @param hostNames host id to name, big host first
     */
    public record World(String adminUsername, String adminPassword, String memberUsername, String memberPassword,
                        List<Long> projectIds, int memberVisibleVms, UUID bigHostId, Map<UUID, String> hostNames,
                        int vms, int running, Path nodeFiles) {

        /** The test-driver URI of a host of this world, e.g. for a raw libvirt-java baseline. */
        public String uriOf(UUID hostId) {
            return "test://" + nodeFiles.resolve(hostNames.get(hostId) + ".xml").toAbsolutePath();
        }
    }

    private static World loaded;

    private ManyVms() {
    }

    /** Loads the world once (about 10 s on 2 cores) and returns it; later calls return the same. */
    public static synchronized World ensureLoaded(ApplicationContext context) {
        if (loaded == null) {
            loaded = load(context);
        }
        return loaded;
    }

    /** Removes the hosts (their connections closed) and every VM row of the world; nothing else is touched. */
    public static synchronized void unload(ApplicationContext context) {
        if (loaded == null) {
            return;
        }
        World world = loaded;
        loaded = null;
        JdbcTemplate jdbc = jdbc(context);
        for (Long project : world.projectIds()) {
            jdbc.update("delete from virtual_machine where project_id = ?", project);
        }
        HostService hosts = context.getBean(HostService.class);
        asAdmin(() -> world.hostNames().keySet().forEach(hosts::remove));
    }

    private static World load(ApplicationContext context) {
        long started = System.nanoTime();
        Fixtures fixtures = context.getBean(Fixtures.class);
        HostService hostService = context.getBean(HostService.class);
        JdbcTemplate jdbc = jdbc(context);

        List<Fixtures.Tenant> tenants = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            tenants.add(fixtures.tenant("scale" + (char) ('a' + p)));
        }
        for (Fixtures.Tenant tenant : tenants) {
            jdbc.update("update project_quota set vcpus = ?, memory_mib = ?, disk_gib = ?, vms = ? where project_id = ?",
                    1_000_000, 1_000_000_000L, 1_000_000, 1_000_000, tenant.id());
        }

        long tenantsDone = System.nanoTime();
        // Hosts: names and node files first, so that VM rows and domains agree.
        Path dir = Path.of("target", "bench", "many-vms").toAbsolutePath();
        Map<UUID, String> hostNames = new LinkedHashMap<>();
        List<UUID> hostIds = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            UUID id = UUID.randomUUID();
            hostIds.add(id);
            hostNames.put(id, io.gureum.console.testsupport.Actors.unique(String.format(Locale.ROOT, "scale%02d", h)));
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Row> rows = new ArrayList<>(VMS);
        int running = 0;
        for (int i = 0; i < VMS; i++) {
            int host = i < BIG_HOST_DOMAINS ? 0 : 1 + (i - BIG_HOST_DOMAINS) % (HOSTS - 1);
            Fixtures.Tenant tenant = tenants.get(i % PROJECTS);
            String name = String.format(Locale.ROOT, "%s-%05d", KINDS[i % KINDS.length], i);
            UUID id = UUID.randomUUID();
            boolean isRunning = i % 5 != 4;
            running += isRunning ? 1 : 0;
            rows.add(new Row(id, name, tenant.id(), tenant.owner().username(), hostIds.get(host), UUID.randomUUID(),
                    "g-" + id.toString().substring(0, 8) + "-" + name, 1 + i % 2, 64L * (1 + i % 4), isRunning,
                    now.minusSeconds(i)));
        }
        try {
            Files.createDirectories(dir);
            for (int h = 0; h < HOSTS; h++) {
                int index = h;
                writeNodeFile(dir.resolve(hostNames.get(hostIds.get(h)) + ".xml"),
                        rows.stream().filter(r -> r.hostId().equals(hostIds.get(index))).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        long filesDone = System.nanoTime();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.batchUpdate("""
                insert into host (id, name, libvirt_uri, container_endpoint, simulated, maintenance, domain_type,
                    domain_type_reason, status, cpus, memory_total_bytes, memory_free_bytes, storage_capacity_bytes,
                    storage_available_bytes, allocated_vcpus, allocated_memory_mib, domains_running, domains_total,
                    created_at, version)
                values (?, ?, ?, null, true, false, 'QEMU', 'scale benchmark fixture', 'UNKNOWN',
                    0, 0, 0, 0, 0, 0, 0, 0, 0, ?, 0)""", hostIds, hostIds.size(), (ps, id) -> {
            ps.setObject(1, id);
            ps.setString(2, hostNames.get(id));
            ps.setString(3, "test://" + dir.resolve(hostNames.get(id) + ".xml"));
            ps.setObject(4, at);
        });
        String insertVm = """
                insert into virtual_machine (id, name, project_id, owner, host_id, domain_uuid, domain_name, image_id,
                    vcpus, memory_mib, disk_gib, state, desired_state, restart_policy, state_reason, created_at,
                    updated_at, version)
                values (?, ?, ?, ?, ?, ?, ?, 'bench-image', ?, ?, 1, ?, ?, 'NEVER', 'loaded by the scale fixture', ?,
                    ?, 0)""";
        for (int from = 0; from < rows.size(); from += 1000) {
            List<Row> batch = rows.subList(from, Math.min(rows.size(), from + 1000));
            jdbc.batchUpdate(insertVm, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    Row r = batch.get(i);
                    ps.setObject(1, r.id());
                    ps.setString(2, r.name());
                    ps.setLong(3, r.projectId());
                    ps.setString(4, r.owner());
                    ps.setObject(5, r.hostId());
                    ps.setObject(6, r.domainUuid());
                    ps.setString(7, r.domainName());
                    ps.setInt(8, r.vcpus());
                    ps.setLong(9, r.memoryMib());
                    ps.setString(10, r.running() ? "RUNNING" : "STOPPED");
                    ps.setString(11, r.running() ? "RUNNING" : "STOPPED");
                    ps.setObject(12, OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
                    ps.setObject(13, at);
                }

                @Override
                public int getBatchSize() {
                    return batch.size();
                }
            });
        }

        long rowsDone = System.nanoTime();
        // Observe every host as the monitor would: opens the connection; UNKNOWN -> UP resyncs its VMs.
        for (UUID id : hostIds) {
            HostSummary seen = asAdmin(() -> hostService.refresh(id));
            if (seen.status() != HostStatus.UP) {
                throw new IllegalStateException("scale host " + seen.name() + " is " + seen.status() + ": "
                        + seen.statusMessage());
            }
            int expected = (int) rows.stream().filter(r -> r.hostId().equals(id)).count();
            if (seen.domainsTotal() != expected) {
                throw new IllegalStateException("scale host " + seen.name() + " lists " + seen.domainsTotal()
                        + " domains, expected " + expected);
            }
        }
        Fixtures.Tenant first = tenants.get(0);
        World world = new World("admin", ConsoleTest.ADMIN_PASSWORD, first.member().username(), Fixtures.PASSWORD,
                tenants.stream().map(Fixtures.Tenant::id).toList(), (int) rows.stream()
                .filter(r -> r.projectId() == first.id()).count(), hostIds.get(0), hostNames, VMS, running, dir);
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "ManyVms: %d VMs over %d hosts loaded in %.1f s (projects and users %.1f s, "
                        + "node files %.1f s, database rows %.1f s, first observation of the hosts %.1f s)%n", VMS, HOSTS,
                (end - started) / 1e9, (tenantsDone - started) / 1e9, (filesDone - tenantsDone) / 1e9,
                (rowsDone - filesDone) / 1e9, (end - rowsDone) / 1e9);
        return world;
    }

    private record Row(UUID id, String name, long projectId, String owner, UUID hostId, UUID domainUuid,
                       String domainName, int vcpus, long memoryMib, boolean running, Instant createdAt) {
    }

    /** A test-driver node: enough CPUs and memory, and one domain per row (shut off ones by the test namespace). */
    private static void writeNodeFile(Path file, List<Row> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<node>\n  <cpu><nodes>1</nodes><sockets>1</sockets><cores>64</cores><threads>1</threads>"
                    + "<active>64</active><mhz>2000</mhz><model>x86_64</model></cpu>\n"
                    + "  <memory>1073741824</memory>\n");
            for (Row r : rows) {
                out.write("  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n");
                out.write("    <name>" + r.domainName() + "</name>\n    <uuid>" + r.domainUuid() + "</uuid>\n");
                out.write("    <metadata><gureum:vm xmlns:gureum='" + GureumMetadata.NAMESPACE + "'><gureum:resource-id>"
                        + r.id() + "</gureum:resource-id><gureum:project-id>" + r.projectId()
                        + "</gureum:project-id></gureum:vm></metadata>\n");
                out.write("    <memory unit='MiB'>" + r.memoryMib() + "</memory>\n    <vcpu>" + r.vcpus() + "</vcpu>\n");
                out.write("    <os><type arch='x86_64'>hvm</type></os>\n");
                if (!r.running()) {
                    out.write("    <test:runstate>5</test:runstate>\n");
                }
                out.write("  </domain>\n");
            }
            out.write("</node>\n");
        }
    }

    private static JdbcTemplate jdbc(ApplicationContext context) {
        return context.getBeanProvider(JdbcTemplate.class)
                .getIfAvailable(() -> new JdbcTemplate(context.getBean(DataSource.class)));
    }
}
