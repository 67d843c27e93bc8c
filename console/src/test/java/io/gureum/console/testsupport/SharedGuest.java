package io.gureum.console.testsupport;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;

import io.gureum.console.consoles.ConsoleService;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * One running tiny guest on the real local QEMU, shared by the console tests that only look at a running guest
 * (screen, serial terminal): a boot under TCG takes about ten seconds, so it is booted once, on first use. It is
 * deleted when the last of its known users releases it, or else when the test context closes (a run of fewer
 * classes). A Spring bean of the test context only (see {@link FixturesConfiguration}).
 */
public class SharedGuest implements DisposableBean {

    public static final String VIRSH_URI = "qemu:///system";
    /** The marker the tiny guest's init prints on ttyS0 once its shells run. */
    static final String READY = "GUREUM-GUEST-READY";
    /** The test classes that use the guest; the last of them to release it deletes it. */
    static final Set<String> USERS = Set.of("io.gureum.console.vm.VmScreenBrowserTest",
            "io.gureum.console.vm.VmSerialBrowserTest", "io.gureum.console.consoles.VmSerialSocketTest");
    private static final Logger log = LoggerFactory.getLogger(SharedGuest.class);

    /** The guest, the project it is in (with owner, member and viewer) and its host. */
    public record Guest(UUID id, Fixtures.Tenant tenant, HostSummary host) {
    }

    private final ImageCatalog images;
    private final HostService hosts;
    private final VmService vms;
    private final TaskService tasks;
    private final ConsoleService consoles;
    private final Fixtures fixtures;
    private final Set<String> released = new HashSet<>();
    private Fixtures.Tenant tenant;
    private Guest guest;

    public SharedGuest(ImageCatalog images, HostService hosts, VmService vms, TaskService tasks,
                       ConsoleService consoles, Fixtures fixtures) {
        this.images = images;
        this.hosts = hosts;
        this.vms = vms;
        this.tasks = tasks;
        this.consoles = consoles;
        this.fixtures = fixtures;
    }

    /** The local QEMU host; skips the test (fails it under CI) without the tiny guest image or the host. */
    public HostSummary localHost() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> VIRSH_URI.equals(h.libvirtUri()))
                .findFirst().orElse(null));
        if (local == null || !local.acceptsPlacements()) {
            Requires.missing("no local libvirtd host (" + VIRSH_URI + ") registered and up: run src/host/setup.sh");
        }
        return local;
    }

    /** The project of the guest, with its owner, member and viewer; made before the guest boots. */
    public synchronized Fixtures.Tenant tenant() {
        if (tenant == null) {
            tenant = fixtures.tenant("guest");
        }
        return tenant;
    }

    /**
     * The running guest, booted now if no test has yet, once its shells run and no console of an earlier user
     * holds its serial port (libvirt gives it to one client at a time).
     */
    public synchronized Guest running(Class<?> user) throws InterruptedException {
        released.remove(user.getName());
        if (guest == null) {
            HostSummary local = localHost();
            Fixtures.Tenant tenant = tenant();
            String name = "guest-" + System.nanoTime() % 100_000;
            VmOperation op = asAdmin(() -> vms.create(new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128,
                    local.id())));
            guest = new Guest(op.vm().id(), tenant, local);
            asAdmin(() -> tasks.await(op.taskId(), Duration.ofSeconds(120)));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && !asUser(tenant.member().username(),
                    () -> vms.serialLog(guest.id(), 64 * 1024)).contains(READY)) {
                Thread.sleep(500);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (consoles.openCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return guest;
    }

    /** Called by each user when done: the last known one deletes the guest. */
    public synchronized void release(Class<?> user) {
        released.add(user.getName());
        if (released.containsAll(USERS)) {
            delete();
        }
    }

    @Override
    public synchronized void destroy() {
        delete();
    }

    private void delete() {
        if (guest == null) {
            return;
        }
        UUID id = guest.id();
        guest = null;
        try {
            asAdmin(() -> tasks.await(vms.delete(id).taskId(), Duration.ofSeconds(120)));
        } catch (RuntimeException e) {
            log.warn("Could not delete the shared test guest {}: {}", id, e.toString());
        }
    }
}
