package io.gureum.console.bench;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.console.api.ApiTokenService;
import io.gureum.console.container.ContainerOperation;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerStatus;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.container.bench.RawDockerCreateStart;
import io.gureum.hypervisor.bench.RawLibvirtProvisioning;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 15: create-and-start through the HTTP API (a pipeline's {@code POST /api/v1/vms} with a bearer token, then
 * {@code GET /api/v1/tasks/{id}?wait=60s} until the task ends) against the same through the service facade
 * ({@code VmService.create} + {@code TaskService.await}) and against raw libvirt-java (overlay + define + start until
 * the STARTED event), the three interleaved round by round in the same run; the same for containers against raw
 * docker-java on Podman.
 */
@ConsoleTest
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class ApiProvisioningBenchmark {

    static final int WARMUP = Integer.getInteger("bench.warmup", 3);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 15);
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String COMMAND = "trap 'exit 0' TERM; sleep 600 & wait";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired VmService vms;
    @Autowired ContainerService containers;
    @Autowired HostService hosts;
    @Autowired ImageCatalog images;
    @Autowired QuotaService quotas;
    @Autowired TaskService tasks;
    @Autowired ApiTokenService apiTokens;
    @Autowired Fixtures fixtures;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void vmsOnQemu() {
        HostSummary local = asAdmin(() -> hosts.forPlacement()).stream()
                .filter(h -> !h.simulated() && h.acceptsPlacements() && h.libvirtUri().startsWith("qemu:"))
                .findFirst().orElse(null);
        if (local == null) {
            Requires.missing("no local QEMU host answers (run src/host/setup.sh --for-tests)");
            return;
        }
        vms("QEMU (" + local.libvirtUri() + ", domain type " + local.domainType() + ")", local, false, 1.10);
    }

    @Test
    void vmsOnTheTestDriver() {
        try (SimulatedHost host = SimulatedHost.only(hosts, images)) {
            vms("test driver (test:///default)", host.summary(), true, 1.10);
        }
    }

    @Test
    void containersOnPodman() {
        HostSummary host = asAdmin(() -> hosts.forPlacement()).stream()
                .filter(h -> h.acceptsPlacements() && h.engineProduct() != null).findFirst().orElse(null);
        if (host == null) {
            Requires.missing("no host with an answering container engine (run src/host/setup.sh --for-tests)");
            return;
        }
        Fixtures.Tenant tenant = fixtures.tenant("bapic");
        String member = tenant.member().username();
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(0, 0, 0, 0, 1000, 1000, 1_000_000)));
        String token = asUser(member, () -> apiTokens.create("bench", null)).secret();
        Map<String, List<Long>> samples = samples();
        String loadBefore = Outcomes.loadAverage();
        try (RawDockerCreateStart docker = new RawDockerCreateStart(host.containerEndpoint())) {
            List<Consumer<List<Long>>> paths = List.of(
                    kept -> {
                        String name = unique("bapic");
                        long t0 = System.nanoTime();
                        JsonNode accepted = post("/api/v1/containers", token, Map.of("name", name,
                                "projectId", tenant.id(), "image", ContainerService.DEFAULT_IMAGE, "command", COMMAND,
                                "cpus", 0.5, "memoryMib", 64, "restartPolicy", "no"));
                        UUID id = UUID.fromString(accepted.get("resource").get("id").asString());
                        try {
                            waitForTask(accepted.get("taskId").asString(), token);
                            long elapsed = System.nanoTime() - t0;
                            assertEquals(ContainerStatus.RUNNING, asUser(member, () -> containers.get(id)).state());
                            add(kept, elapsed);
                        } finally {
                            asUser(member, () -> tasks.await(containers.delete(id).taskId(), TIMEOUT));
                        }
                    },
                    kept -> {
                        String name = unique("bfac");
                        long t0 = System.nanoTime();
                        ContainerOperation op = asUser(member, () -> containers.create(new NewContainer(name,
                                tenant.id(), ContainerService.DEFAULT_IMAGE, COMMAND, Map.of(), 0.5, 64, "no", null)));
                        try {
                            assertEquals(TaskState.SUCCEEDED,
                                    asUser(member, () -> tasks.await(op.taskId(), TIMEOUT)).state());
                            long elapsed = System.nanoTime() - t0;
                            assertEquals(ContainerStatus.RUNNING,
                                    asUser(member, () -> containers.get(op.container().id())).state());
                            add(kept, elapsed);
                        } finally {
                            asUser(member, () -> tasks.await(containers.delete(op.container().id()).taskId(), TIMEOUT));
                        }
                    },
                    kept -> {
                        String name = unique("braw");
                        try {
                            long elapsed = docker.createAndStart(name, ContainerService.DEFAULT_IMAGE,
                                    List.of("sh", "-c", COMMAND), 0.5, 64, Map.of("io.gureum.managed", "true",
                                            "io.gureum.resource-id", name, "io.gureum.project-id", "bench"));
                            assertTrue(docker.running(name), "raw container running");
                            add(kept, elapsed);
                        } finally {
                            docker.remove(name);
                        }
                    });
            interleave(paths, samples);
        }
        report("Containers: " + host.engineProduct() + " " + host.engineVersion(), "raw docker-java create + start",
                samples, loadBefore, 1.20);
    }

    private void vms(String label, HostSummary host, boolean simulated, double target) {
        BootImage image = images.find(ImageCatalog.TINY_LINUX).orElseThrow();
        Fixtures.Tenant tenant = fixtures.tenant("bapiv");
        String member = tenant.member().username();
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(1000, 1_000_000, 100_000, 1000, 0, 0, 0)));
        String token = asUser(member, () -> apiTokens.create("bench", null)).secret();
        RawLibvirtProvisioning.Guest guest = new RawLibvirtProvisioning.Guest(simulated ? "default-pool" : "gureum",
                "base-" + image.id() + "." + image.format().id(), image.kernel().toString(), image.initrd().toString(),
                image.cmdline(), 1, 128, host.domainType().equals("KVM") ? "kvm" : "qemu", "default",
                !simulated, Path.of("/var/log/libvirt/qemu"));
        Map<String, List<Long>> samples = samples();
        String loadBefore = Outcomes.loadAverage();
        try (RawLibvirtProvisioning libvirt = new RawLibvirtProvisioning(host.libvirtUri())) {
            List<Consumer<List<Long>>> paths = List.of(
                    kept -> {
                        String name = unique("bapiv");
                        long t0 = System.nanoTime();
                        JsonNode accepted = post("/api/v1/vms", token, Map.of("name", name, "projectId", tenant.id(),
                                "imageId", image.id(), "vcpus", 1, "memoryMib", 128));
                        UUID id = UUID.fromString(accepted.get("resource").get("id").asString());
                        try {
                            waitForTask(accepted.get("taskId").asString(), token);
                            long elapsed = System.nanoTime() - t0;
                            var vm = asUser(member, () -> vms.get(id));
                            assertEquals(VmStatus.RUNNING, vm.state());
                            assertEquals(host.id(), vm.hostId(), "placed on the benchmark host");
                            add(kept, elapsed);
                        } finally {
                            asUser(member, () -> tasks.await(vms.delete(id).taskId(), TIMEOUT));
                        }
                    },
                    kept -> {
                        String name = unique("bfacv");
                        long t0 = System.nanoTime();
                        VmOperation op = asUser(member, () -> vms.create(new NewVm(name, tenant.id(), image.id(), 1,
                                128, null)));
                        try {
                            assertEquals(TaskState.SUCCEEDED,
                                    asUser(member, () -> tasks.await(op.taskId(), TIMEOUT)).state());
                            long elapsed = System.nanoTime() - t0;
                            var vm = asUser(member, () -> vms.get(op.vm().id()));
                            assertEquals(VmStatus.RUNNING, vm.state());
                            assertEquals(host.id(), vm.hostId(), "placed on the benchmark host");
                            add(kept, elapsed);
                        } finally {
                            asUser(member, () -> tasks.await(vms.delete(op.vm().id()).taskId(), TIMEOUT));
                        }
                    },
                    kept -> {
                        String name = unique("brawv");
                        try {
                            add(kept, libvirt.createAndStart(name, guest));
                        } finally {
                            libvirt.remove(name, guest);
                        }
                    });
            interleave(paths, samples);
        }
        report("VMs: " + label, "raw libvirt-java overlay + define + start -> STARTED event", samples, loadBefore,
                target);
    }

    private static Map<String, List<Long>> samples() {
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        samples.put("api", new ArrayList<>());
        samples.put("facade", new ArrayList<>());
        samples.put("raw", new ArrayList<>());
        return samples;
    }

    private static void add(List<Long> kept, long nanos) {
        if (kept != null) {
            kept.add(nanos);
        }
    }

    /** Every round runs the three paths, the first of them rotating, so no path always follows another. */
    private static void interleave(List<Consumer<List<Long>>> paths, Map<String, List<Long>> samples) {
        List<List<Long>> lists = List.copyOf(samples.values());
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            boolean keep = round >= WARMUP;
            for (int i = 0; i < paths.size(); i++) {
                int path = (round + i) % paths.size();
                paths.get(path).accept(keep ? lists.get(path) : null);
            }
        }
    }

    private void report(String title, String rawLabel, Map<String, List<Long>> samples, String loadBefore,
                        double target) {
        double api = Bench.medianMs(samples.get("api"));
        double facade = Bench.medianMs(samples.get("facade"));
        double raw = Bench.medianMs(samples.get("raw"));
        List<String> lines = new ArrayList<>();
        lines.add(Bench.line("Median of %d interleaved rounds of each path, after %d warm-up rounds; 1-minute load "
                + "average %s before, %s after (2 CPUs, shared).", ROUNDS, WARMUP, loadBefore, Outcomes.loadAverage()));
        lines.add("");
        lines.add("| path | median ms | p95 ms |");
        lines.add("|---|---:|---:|");
        lines.add(Bench.line("| API: POST + GET /api/v1/tasks/{id}?wait=60s until the task ends | %.1f | %.1f |", api,
                Bench.percentileMs(samples.get("api"), 95)));
        lines.add(Bench.line("| facade: create() + TaskService.await until the task ends | %.1f | %.1f |", facade,
                Bench.percentileMs(samples.get("facade"), 95)));
        lines.add(Bench.line("| %s | %.1f | %.1f |", rawLabel, raw, Bench.percentileMs(samples.get("raw"), 95)));
        lines.add("");
        lines.add(Bench.line("**ratios: API/raw = %.3f (target <= %.2f: %s), API/facade = %.3f, facade/raw = %.3f**",
                api / raw, target, api / raw <= target ? "met" : "missed", api / facade, facade / raw));
        lines.add("");
        samples.forEach((path, nanos) -> lines.add(path + " all: " + Bench.allMs(nanos)));
        Bench.report("API create-and-start: " + title, lines.toArray(String[]::new));
    }

    private JsonNode post(String path, String token, Map<String, Object> body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private void waitForTask(String taskId, String token) {
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/tasks/" + taskId + "?wait=60s"))
                    .header("Authorization", "Bearer " + token));
            assertEquals(200, response.statusCode(), response.body());
            JsonNode task = JSON.readTree(response.body());
            if (task.get("finished").asBoolean()) {
                assertEquals("SUCCEEDED", task.get("state").asString(), response.body());
                return;
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
