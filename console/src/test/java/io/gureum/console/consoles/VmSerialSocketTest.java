package io.gureum.console.consoles;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.consoles.ConsoleSockets.Client;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HttpLogin;
import io.gureum.console.testsupport.SharedGuest;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmNotFoundException;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

/**
 * The console token rules for the VM serial terminal over real WebSocket handshakes, on two tiny guests on the
 * real local QEMU (A is the running guest the console tests share, B is this class's own to delete): single use, bound to VM, user, session and origin, 30 s; only members; an open
 * terminal ends when its VM is deleted or its user disabled or demoted.
 */
@ConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VmSerialSocketTest {

    @LocalServerPort
    int port;
    @Autowired
    ConsoleService consoles;
    @Autowired
    ConsoleTokens tokens;
    @Autowired
    VmService vms;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ProjectService projects;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    Fixtures fixtures;
    @Autowired
    SharedGuest guests;

    private ConsoleSockets sockets;
    private Fixtures.Tenant tenant;
    private UUID a;
    /** Deleted by the test that checks deletion ends its terminal; a token for A must not open it either way. */
    private UUID b;

    @BeforeAll
    void twoRunningGuests() throws Exception {
        sockets = new ConsoleSockets(port, throttle);
        HostSummary local = guests.localHost();
        tenant = guests.tenant();
        // B boots while the shared guest A does, if no earlier test has booted A.
        VmOperation second = create(local, "serial-b");
        a = guests.running(getClass()).id();
        asAdmin(() -> tasks.await(second.taskId(), Duration.ofSeconds(120)));
        b = second.vm().id();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !asUser(tenant.member().username(),
                () -> vms.serialLog(b, 64 * 1024)).contains("GUREUM-GUEST-READY")) {
            Thread.sleep(500);
        }
    }

    @AfterAll
    void deleteB() {
        try {
            if (b != null) {
                try {
                    asAdmin(() -> tasks.await(vms.delete(b).taskId(), Duration.ofSeconds(120)));
                } catch (RuntimeException gone) {
                    // deleted by the test
                }
            }
        } finally {
            guests.release(getClass());
        }
    }

    /** libvirt gives a serial console to one client at a time: the next test waits for the last one to let go. */
    @AfterEach
    void noTerminalLeftOpen() throws InterruptedException {
        ConsoleSockets.await("every console to be closed", () -> consoles.openCount() == 0);
    }

    @Test
    void a_token_opens_the_serial_terminal_once_and_is_refused_the_second_time() throws Exception {
        try (HttpLogin member = sockets.logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a, member.sessionId());
            Client serial = sockets.connect(member, sockets.origin(), a, token);
            serial.type("echo $((6*7))\n");
            serial.awaitOutput("42");
            serial.socket.abort();
            assertThat(sockets.refusal(member, sockets.origin(), a, token)).isEqualTo(403);
        }
    }

    @Test
    void a_token_for_one_vm_does_not_open_another() throws Exception {
        try (HttpLogin member = sockets.logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a, member.sessionId());
            assertThat(sockets.refusal(member, sockets.origin(), b, token)).isEqualTo(403);
        }
    }

    @Test
    void a_token_from_one_users_session_is_refused_in_another_users_session_and_in_another_session() throws Exception {
        try (HttpLogin member = sockets.logIn(tenant.member().username());
             HttpLogin owner = sockets.logIn(tenant.owner().username());
             HttpLogin memberElsewhere = sockets.logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a, member.sessionId());
            assertThat(sockets.refusal(owner, sockets.origin(), a, token)).isEqualTo(403);
            String another = issue(tenant.member().username(), a, member.sessionId());
            assertThat(sockets.refusal(memberElsewhere, sockets.origin(), a, another)).isEqualTo(403);
        }
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        try (HttpLogin member = sockets.logIn(tenant.member().username())) {
            String token = "expired-" + UUID.randomUUID();
            tokens.insert(ConsoleService.sha256(token), new ConsoleTokens.Row(tenant.member().id(),
                    ConsoleService.sha256(member.sessionId()), ConsoleKind.VM_SERIAL, a, Instant.now().minusMillis(1)));
            assertThat(sockets.refusal(member, sockets.origin(), a, token)).isEqualTo(403);
        }
    }

    @Test
    void a_handshake_from_a_foreign_origin_is_refused() throws Exception {
        try (HttpLogin member = sockets.logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a, member.sessionId());
            assertThat(sockets.refusal(member, "http://evil.example", a, token)).isEqualTo(403);
        }
    }

    @Test
    void a_viewer_and_an_outsider_get_no_token() {
        String outsider = fixtures.user("serial-outsider").username();
        assertThatThrownBy(() -> issue(tenant.viewer().username(), a, "session"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> issue(outsider, a, "session")).isInstanceOf(VmNotFoundException.class);
    }

    @Test
    void taking_the_role_or_disabling_the_user_ends_their_open_serial_terminal_within_2_seconds() throws Exception {
        UserSummary demoted = memberOfTheTenant("serial-demoted");
        try (HttpLogin login = sockets.logIn(demoted.username())) {
            Client serial = openAnswering(login, demoted.username(), a);
            asUser(tenant.owner().username(), () -> projects.changeRole(tenant.id(), demoted.id(), ProjectRole.VIEWER));
            assertThat(serial.closed.get(2, TimeUnit.SECONDS)).contains("no longer allowed");
        }
        noTerminalLeftOpen();
        UserSummary disabled = memberOfTheTenant("serial-disabled");
        try (HttpLogin login = sockets.logIn(disabled.username())) {
            Client serial = openAnswering(login, disabled.username(), a);
            asAdmin(() -> identity.disable(disabled.id()));
            assertThat(serial.closed.get(2, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void deleting_the_vm_ends_its_open_serial_terminal_within_2_seconds() throws Exception {
        try (HttpLogin member = sockets.logIn(tenant.member().username())) {
            Client serial = openAnswering(member, tenant.member().username(), b);
            long t0 = System.nanoTime();
            asUser(tenant.member().username(), () -> vms.delete(b));
            serial.closed.get(2, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }

    // ---- helpers

    private VmOperation create(HostSummary host, String name) {
        String unique = name + "-" + Long.toString(System.nanoTime() % 100_000);
        return asAdmin(() -> vms.create(new NewVm(unique, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, host.id())));
    }

    private UserSummary memberOfTheTenant(String prefix) {
        UserSummary user = fixtures.user(prefix);
        asUser(tenant.owner().username(), () -> projects.addMember(tenant.id(), user.username(), ProjectRole.MEMBER));
        return user;
    }

    /** A serial terminal whose guest shell has answered. */
    private Client openAnswering(HttpLogin login, String username, UUID vm) throws Exception {
        Client serial = sockets.connect(login, sockets.origin(), vm, issue(username, vm, login.sessionId()));
        serial.type("echo ready-$((20+22))\n");
        serial.awaitOutput("ready-42");
        return serial;
    }

    private String issue(String username, UUID vm, String sessionId) {
        return asUser(username, () -> consoles.issue(ConsoleKind.VM_SERIAL, vm, sessionId));
    }
}
