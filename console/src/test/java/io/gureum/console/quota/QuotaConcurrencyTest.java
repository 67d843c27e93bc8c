package io.gureum.console.quota;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.console.vm.VmSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The quota's key promise: many concurrent creates in one project never pass a limit together. 50 threads ask
 * at once for a VM in a project whose quota leaves room for exactly 10; exactly 10 get one.
 */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class QuotaConcurrencyTest {

    private static final Logger log = LoggerFactory.getLogger(QuotaConcurrencyTest.class);
    static final int REQUESTS = 50;
    static final Duration TASK_TIMEOUT = Duration.ofSeconds(120);

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    QuotaService quotas;

    @Autowired
    TaskService tasks;

    @Autowired
    ImageCatalog images;

    @Autowired
    Fixtures fixtures;

    HostSummary simulated;
    Fixtures.Tenant tenant;
    final List<UUID> made = new ArrayList<>();

    @BeforeEach
    void simulatedHostOnly() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        simulated = asAdmin(() -> hosts.register(new NewHost(Actors.unique("sim"), "test:///default", "", "")));
        asAdmin(() -> hosts.forPlacement().stream().filter(h -> !h.id().equals(simulated.id()))
                .forEach(h -> hosts.setMaintenance(h.id(), true)));
        tenant = fixtures.tenant("race");
    }

    @AfterEach
    void cleanUpAndRestoreHosts() {
        for (UUID id : made) {
            try {
                await(asAdmin(() -> vms.delete(id)).taskId());
            } catch (RuntimeException e) {
                log.warn("could not delete VM {} after the test: {}", id, e.getMessage());
            }
        }
        asAdmin(() -> {
            hosts.forPlacement().stream().filter(HostSummary::maintenance)
                    .forEach(h -> hosts.setMaintenance(h.id(), false));
            hosts.remove(simulated.id());
        });
    }

    @Test
    void fifty_concurrent_creates_against_a_quota_of_ten_vms_make_exactly_ten() throws Exception {
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(1000, 1_000_000, 10_000, 10, 10, 10, 10_000)));

        Race race = race(128);

        assertThat(race.created()).hasSize(10);
        assertThat(race.refused()).hasSize(REQUESTS - 10)
                .allSatisfy(refusal -> assertThat(refusal.getMessage()).contains("VMs 11 > 10"));
        assertThat(race.unexpected()).isEmpty();
        everyVmRunsAndUsageIsTheirSum(race, 10);
    }

    @Test
    void fifty_concurrent_creates_against_a_memory_quota_of_1280_mib_make_exactly_ten() throws Exception {
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(1000, 1280, 10_000, 1000, 10, 10, 10_000)));

        Race race = race(128);

        assertThat(race.created()).hasSize(10);
        assertThat(race.refused()).hasSize(REQUESTS - 10)
                .allSatisfy(refusal -> assertThat(refusal.getMessage()).contains("memory 1408 MiB > 1280 MiB"));
        assertThat(race.unexpected()).isEmpty();
        everyVmRunsAndUsageIsTheirSum(race, 10);
    }

    private void everyVmRunsAndUsageIsTheirSum(Race race, int expected) {
        for (VmOperation op : race.created()) {
            TaskSummary task = await(op.taskId());
            assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        }
        List<VmSummary> live = asUser(tenant.member().username(), () -> vms.list()).stream()
                .filter(vm -> vm.projectId() == tenant.id()).toList();
        assertThat(live).hasSize(expected).allSatisfy(vm -> assertThat(vm.state()).isEqualTo(VmStatus.RUNNING));
        ResourceAmounts usage = asUser(tenant.viewer().username(), () -> quotas.usage(tenant.id()));
        assertThat(usage.vms()).isEqualTo(expected);
        assertThat(usage.vcpus()).isEqualTo(live.stream().mapToInt(VmSummary::vcpus).sum());
        assertThat(usage.memoryMib()).isEqualTo(live.stream().mapToLong(VmSummary::memoryMib).sum());
        assertThat(usage.diskGib()).isEqualTo(live.stream().mapToInt(VmSummary::diskGib).sum());
    }

    record Race(List<VmOperation> created, List<QuotaExceededException> refused, List<Throwable> unexpected) {
    }

    /** {@value #REQUESTS} platform threads, released together by one gate, each creating one VM as the member. */
    private Race race(long memoryMib) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(REQUESTS);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(REQUESTS);
        ConcurrentLinkedQueue<VmOperation> created = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<QuotaExceededException> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        String member = tenant.member().username();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            NewVm request = new NewVm("race-" + i, tenant.id(), ImageCatalog.TINY_LINUX, 1, memoryMib, null);
            threads.add(Thread.ofPlatform().name("quota-race-" + i).start(() -> {
                try {
                    ready.countDown();
                    gate.await();
                    created.add(asUser(member, () -> vms.create(request)));
                } catch (QuotaExceededException e) {
                    refused.add(e);
                } catch (Throwable e) {
                    unexpected.add(e);
                } finally {
                    done.countDown();
                }
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        gate.countDown();
        assertThat(done.await(120, TimeUnit.SECONDS)).as("all requests answered").isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (Thread thread : threads) {
            thread.join();
        }
        created.forEach(op -> made.add(op.vm().id()));
        log.info("quota race: {} requests of {} MiB answered in {} ms: {} created, {} refused by the quota, "
                + "{} other failures {}", REQUESTS, memoryMib, millis, created.size(), refused.size(),
                unexpected.size(), unexpected.stream().map(String::valueOf).limit(3).toList());
        return new Race(List.copyOf(created), List.copyOf(refused), List.copyOf(unexpected));
    }

    private TaskSummary await(UUID taskId) {
        return asAdmin(() -> tasks.await(taskId, TASK_TIMEOUT));
    }
}
