package io.gureum.console.api;

import static io.gureum.console.api.ApiHttp.assertProblem;
import static io.gureum.console.api.ApiHttp.json;
import static io.gureum.console.api.ApiHttp.jsonOf;
import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.LocalPodman;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.container.ContainerSummary;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.VmInfo;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The quota's promise over HTTP: 50 concurrent creates against a project with room for 10 make exactly 10, the 40
 * others are quota-exceeded problems with the numbers, and afterwards the project's usage, its live workloads and
 * what the host itself lists agree.
 */
@ConsoleTest
class ApiQuotaRaceTest {

    private static final Logger log = LoggerFactory.getLogger(ApiQuotaRaceTest.class);
    private static final int REQUESTS = 50;
    private static final int ROOM = 10;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    QuotaService quotas;

    ApiHttp api;
    SimulatedHost simulated;
    Fixtures.Tenant tenant;
    String member;
    final List<String> made = new ArrayList<>();

    @BeforeEach
    void aProjectWithRoomForTen() {
        api = new ApiHttp(port);
        tenant = fixtures.tenant("api-race");
        member = asUser(tenant.member().username(), () -> tokens.create("race", null)).secret();
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(1000, 1_000_000, 10_000, ROOM, ROOM, 1000,
                1_000_000)));
    }

    @AfterEach
    void deleteWhatWasMade() {
        for (String path : made) {
            HttpResponse<String> deleted = api.send(api.request(path, member).DELETE());
            if (deleted.statusCode() == 202) {
                api.awaitTask(deleted, member, "120s");
            } else {
                log.warn("could not delete {} after the race: {}", path, deleted.body());
            }
        }
        if (simulated != null) {
            simulated.close();
        }
        api.close();
    }

    @Test
    @Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
    void fifty_concurrent_vm_creates_over_http_against_a_quota_of_ten_accept_exactly_ten() throws Exception {
        simulated = SimulatedHost.only(hosts, images);

        List<HttpResponse<String>> answers = race("vms", i -> jsonOf(Map.of("name", "race-" + i,
                "projectId", tenant.id(), "imageId", ImageCatalog.TINY_LINUX, "vcpus", 1, "memoryMib", 128)));

        Set<String> accepted = acceptedExactlyTenAndRefusedTheRestWithTheNumbers("vms", answers, "VMs 11 > 10");
        assertThat(usage().get("vms").asInt()).isEqualTo(live("vms")).isEqualTo(ROOM);
        // The host itself, not the console's rows: exactly these domains carry the project's metadata.
        Set<String> domains = asAdmin(() -> hosts.hypervisorOf(simulated.summary().id()).listAll()).stream()
                .map(VmInfo::metadata).flatMap(java.util.Optional::stream)
                .filter(m -> m.projectId().equals(Long.toString(tenant.id()))).map(GureumMetadata::resourceId)
                .collect(Collectors.toSet());
        assertThat(domains).isEqualTo(accepted);
    }

    @Test
    void fifty_concurrent_container_creates_over_http_against_a_quota_of_ten_accept_exactly_ten_on_podman()
            throws Exception {
        HostSummary podman = LocalPodman.host(hosts);

        List<HttpResponse<String>> answers = race("containers", i -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "race-" + i);
            body.put("projectId", tenant.id());
            body.put("command", "sleep 600");
            body.put("cpus", 0.1);
            body.put("memoryMib", 16);
            body.put("restartPolicy", "no");
            return jsonOf(body);
        });

        Set<String> accepted = acceptedExactlyTenAndRefusedTheRestWithTheNumbers("containers", answers,
                "containers 11 > 10");
        assertThat(usage().get("containers").asInt()).isEqualTo(live("containers")).isEqualTo(ROOM);
        Set<String> onPodman = asAdmin(() -> hosts.engineOf(podman.id()).list()).stream()
                .map(ContainerSummary::ownership)
                .filter(o -> o.managed() && Long.toString(tenant.id()).equals(o.projectId()))
                .map(o -> o.resourceId()).collect(Collectors.toSet());
        assertThat(onPodman).isEqualTo(accepted);
    }

    /** Checks the answers and waits for every accepted create to succeed; returns the ids of what was made. */
    private Set<String> acceptedExactlyTenAndRefusedTheRestWithTheNumbers(String kinds,
                                                                         List<HttpResponse<String>> answers,
                                                                         String exceeded) {
        List<HttpResponse<String>> accepted = answers.stream().filter(r -> r.statusCode() == 202).toList();
        accepted.forEach(r -> made.add("/api/v1/" + kinds + "/" + json(r).get("resource").get("id").asString()));
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() != 202).toList();
        assertThat(accepted).hasSize(ROOM);
        assertThat(refused).hasSize(REQUESTS - ROOM).allSatisfy(problem -> {
            assertProblem(problem, 409, "urn:gureum:problem:quota-exceeded");
            JsonNode body = json(problem);
            assertThat(body.get("exceeded").valueStream().map(JsonNode::asString)).as(problem.body())
                    .containsExactly(exceeded);
            assertThat(body.get("limits").get(kinds).asInt()).isEqualTo(ROOM);
            assertThat(body.get("used").get(kinds).asInt()).isEqualTo(ROOM);
            assertThat(body.get("demand").get(kinds).asInt()).isEqualTo(1);
        });
        for (HttpResponse<String> created : accepted) {
            JsonNode task = api.awaitTask(created, member, "120s");
            assertThat(task.get("state").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        }
        return accepted.stream().map(r -> json(r).get("resource").get("id").asString()).collect(Collectors.toSet());
    }

    /** {@value #REQUESTS} platform threads released together by one gate, each POSTing one create as the member. */
    private List<HttpResponse<String>> race(String kinds, IntFunction<String> body) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(REQUESTS);
        CountDownLatch gate = new CountDownLatch(1);
        ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String json = body.apply(i);
            threads.add(Thread.ofPlatform().name("api-quota-race-" + i).start(() -> {
                try {
                    ready.countDown();
                    gate.await();
                    answers.add(api.post("/api/v1/" + kinds, member, json));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        gate.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(120));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("API quota race on {}: {} requests answered in {} ms: {} accepted, {} refused, {} failed {}", kinds,
                REQUESTS, millis, answers.stream().filter(r -> r.statusCode() == 202).count(),
                answers.stream().filter(r -> r.statusCode() == 409).count(), failures.size(), failures);
        assertThat(failures).isEmpty();
        assertThat(answers).as("every request answered").hasSize(REQUESTS);
        return List.copyOf(answers);
    }

    private JsonNode usage() {
        return json(api.get("/api/v1/projects/" + tenant.id() + "/quota", member)).get("usage");
    }

    private int live(String kinds) {
        return json(api.get("/api/v1/" + kinds + "?projectId=" + tenant.id(), member)).get("total").asInt();
    }
}
