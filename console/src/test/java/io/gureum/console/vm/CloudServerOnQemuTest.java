package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.SshKeyService;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.testsupport.TestSshKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real server: the Debian 12 cloud image booted once on the local QEMU through the console's facade with a fresh
 * ed25519 key, a 4 GiB disk and user data. What the guest did is read through the QEMU guest agent (guest-exec over
 * the agent's virtio channel, no network traffic to the guest). Expensive (a few minutes under TCG): one boot for
 * every check. Skips without libvirtd or the image, fails under CI=true.
 */
@ConsoleTest
class CloudServerOnQemuTest {

    private static final Logger log = LoggerFactory.getLogger(CloudServerOnQemuTest.class);
    private static final String VIRSH_URI = "qemu:///system";
    private static final Duration CLOUD_INIT_TIMEOUT = Duration.ofMinutes(20);
    private static final String MARKER = "written-by-user-data";

    @Autowired
    VmService vms;
    @Autowired
    ImageCatalog images;
    @Autowired
    HostService hosts;
    @Autowired
    TaskService tasks;
    @Autowired
    SshKeyService sshKeys;
    @Autowired
    Fixtures fixtures;
    @Autowired
    VirtualMachineRepository repository;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_debian_cloud_server_gets_its_hostname_key_disk_and_user_data_and_shuts_down_cleanly() throws Exception {
        BootImage debian = images.find(ImageCatalog.DEBIAN_CLOUD).orElse(null);
        if (debian == null) {
            Requires.missing("the Debian cloud image is not built: run src/host/build-test-images.sh");
        }
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> VIRSH_URI.equals(h.libvirtUri()))
                .findFirst().orElse(null));
        if (local == null || !local.acceptsPlacements()) {
            Requires.missing("no local libvirtd host (" + VIRSH_URI + ") registered and up: run src/host/setup.sh");
        }
        Fixtures.Tenant tenant = fixtures.tenant("cloudqemu");
        String publicKey = TestSshKeys.ed25519("cloud-test@gureum");
        long key = asAdmin(() -> sshKeys.add(publicKey)).id();
        String name = "cloud-" + Long.toString(System.nanoTime() % 100_000);
        String userData = "#cloud-config\nwrite_files:\n  - path: /var/tmp/gureum-user-data\n    content: " + MARKER
                + "\n";
        long started = System.nanoTime();
        VmOperation created = asAdmin(() -> vms.create(new NewVm(name, tenant.id(), ImageCatalog.DEBIAN_CLOUD, 1, 512,
                local.id(), null, new NewVm.CloudInit("first-server", List.of(key), 4, userData))));
        UUID id = created.vm().id();
        try {
            TaskSummary made = asAdmin(() -> tasks.await(created.taskId(), Duration.ofSeconds(180)));
            assertThat(made.state()).as(made.message()).isEqualTo(TaskState.SUCCEEDED);
            VirtualMachine vm = repository.findById(id).orElseThrow();
            String domain = vm.domainName();
            String pool = local.storagePool().name();
            assertThat(hosts.hypervisorOf(local.id()).listVolumes(pool)).extracting(v -> v.ref().volume())
                    .contains(domain + "-seed.iso");

            VmGuest guest = waitForCloudInit(id);
            log.info("cloud-init done {} s after create", Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertThat(guest.cloudInit()).isEqualTo(VmGuest.CloudInitStatus.DONE);
            guest = waitForAgent(id);
            assertThat(guest.agentConnected()).isTrue();
            assertThat(guest.osName()).contains("Debian");
            assertThat(guest.hostname()).isEqualTo("first-server");

            assertThat(exec(domain, "/usr/bin/hostname").strip()).isEqualTo("first-server");
            assertThat(exec(domain, "/usr/bin/cat", "/home/debian/.ssh/authorized_keys"))
                    .contains(publicKey.split(" ")[1]);
            long rootBytes = Long.parseLong(exec(domain, "/usr/bin/df", "-B1", "--output=size", "/").lines()
                    .skip(1).findFirst().orElseThrow().strip());
            assertThat(rootBytes).as("the root file system grew into the 4 GiB disk")
                    .isGreaterThan(3_500L << 20).isLessThanOrEqualTo(4L << 30);
            assertThat(exec(domain, "/usr/bin/cat", "/var/tmp/gureum-user-data")).contains(MARKER);

            TaskSummary stopped = asAdmin(() -> tasks.await(vms.shutdown(id).taskId(), Duration.ofSeconds(180)));
            assertThat(stopped.state()).as(stopped.message()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(asAdmin(() -> vms.get(id)).state()).isEqualTo(VmStatus.STOPPED);
            assertThat(asAdmin(() -> vms.serialLog(id, 64 * 1024))).as("the guest's kernel powered it off, not a force-off")
                    .contains("reboot: Power down");

            TaskSummary deleted = asAdmin(() -> tasks.await(vms.delete(id).taskId(), Duration.ofSeconds(120)));
            assertThat(deleted.state()).as(deleted.message()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(hosts.hypervisorOf(local.id()).listVolumes(pool)).extracting(v -> v.ref().volume())
                    .noneMatch(v -> v.startsWith(domain));
            log.info("cloud server test took {} s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        } finally {
            try {
                asAdmin(() -> tasks.await(vms.delete(id).taskId(), Duration.ofSeconds(120)));
            } catch (RuntimeException alreadyDeleted) {
                // the test deleted it
            }
            asAdmin(() -> sshKeys.remove(key));
        }
    }

    private VmGuest waitForCloudInit(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + CLOUD_INIT_TIMEOUT.toNanos();
        VmGuest guest = asAdmin(() -> vms.guest(id));
        while (guest.cloudInit() == VmGuest.CloudInitStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            guest = asAdmin(() -> vms.guest(id));
        }
        return guest;
    }

    private VmGuest waitForAgent(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        VmGuest guest = asAdmin(() -> vms.guest(id));
        while ((!guest.agentConnected() || guest.hostname() == null) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            guest = asAdmin(() -> vms.guest(id));
        }
        return guest;
    }

    /** Runs a program in the guest through the agent's guest-exec and returns what it printed. */
    private String exec(String domain, String path, String... args) throws Exception {
        String start = json.writeValueAsString(Map.of("execute", "guest-exec", "arguments",
                Map.of("path", path, "arg", List.of(args), "capture-output", true)));
        long pid = json.readTree(virsh(domain, start)).path("return").path("pid").asLong();
        String status = json.writeValueAsString(Map.of("execute", "guest-exec-status", "arguments",
                Map.of("pid", pid)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode result = json.readTree(virsh(domain, status)).path("return");
            if (result.path("exited").asBoolean()) {
                assertThat(result.path("exitcode").asInt()).as(path + " in the guest").isZero();
                return new String(Base64.getDecoder().decode(result.path("out-data").asString("")),
                        StandardCharsets.UTF_8);
            }
            Thread.sleep(300);
        }
        throw new AssertionError(path + " did not end in the guest within 30 s");
    }

    private static String virsh(String domain, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("virsh", "-c", VIRSH_URI, "qemu-agent-command", domain, command, "--timeout",
                "20").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
