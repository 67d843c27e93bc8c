package io.gureum.console.consoles;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.audit.AuditFilter;
import io.gureum.console.audit.AuditRecord;
import io.gureum.console.audit.AuditService;
import io.gureum.console.consoles.ConsoleSockets.Client;
import io.gureum.console.container.ContainerNotFoundException;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerSummary;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HttpLogin;
import io.gureum.console.testsupport.Requires;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

/**
 * The console token rules end to end over real WebSocket handshakes (signed-in HTTP clients, real Podman
 * containers): single use, bound to resource, user, session and origin, 30 s; only members; and an open shell
 * ends when its container is deleted or its user disabled.
 */
@ConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSocketTest {

    @LocalServerPort
    int port;
    @Autowired
    ConsoleService consoles;
    @Autowired
    ConsoleTokens tokens;
    @Autowired
    ContainerService containers;
    @Autowired
    HostService hosts;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ProjectService projects;
    @Autowired
    AuditService audit;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    Fixtures fixtures;

    private Fixtures.Tenant tenant;
    private ContainerSummary a;
    private ContainerSummary b;

    @BeforeAll
    void twoRunningContainers() {
        boolean engine = asAdmin(() -> hosts.list().stream().anyMatch(h -> h.containerEndpoint() != null
                && h.engineProduct() != null && h.acceptsPlacements()));
        if (!engine || !asAdmin(() -> containers.images()).contains(ContainerService.DEFAULT_IMAGE)) {
            Requires.missing("no host with the local Podman and " + ContainerService.DEFAULT_IMAGE
                    + ": run src/host/setup.sh and src/host/build-test-images.sh");
        }
        tenant = fixtures.tenant("shell");
        a = running("shell-a");
        b = running("shell-b");
    }

    @AfterAll
    void deleteThem() {
        for (ContainerSummary c : new ContainerSummary[] {a, b}) {
            if (c != null) {
                try {
                    asAdmin(() -> tasks.await(containers.delete(c.id()).taskId(), Duration.ofSeconds(60)));
                } catch (RuntimeException gone) {
                    // deleted by the test
                }
            }
        }
    }

    @Test
    void a_token_opens_a_shell_once_and_is_refused_the_second_time() throws Exception {
        try (HttpLogin member = logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a.id(), member.sessionId());
            Client shell = connect(member, origin(), a.id(), token);
            shell.type("echo $((6*7))\n");
            shell.awaitOutput("42");
            shell.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            ConsoleSockets.await("the console to be closed", () -> asAdmin(() -> audit.search(new AuditFilter(
                    tenant.member().username(), tenant.id(), "console.closed", null, null, null))).stream()
                    .anyMatch(e -> e.target().contains(a.name()) && e.detail().contains("closed by the browser")));

            assertThat(refusal(member, origin(), a.id(), token)).isEqualTo(403);
        }
        List<AuditRecord> entries = asAdmin(() -> audit.search(new AuditFilter(tenant.member().username(),
                tenant.id(), null, null, null, null)));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("console.opened");
            assertThat(e.target()).contains("container shell-a");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("console.closed");
            assertThat(e.detail()).contains("container shell, open ").contains(" s, closed by the browser");
        });
    }

    @Test
    void a_token_for_one_container_does_not_open_another() throws Exception {
        try (HttpLogin member = logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a.id(), member.sessionId());
            assertThat(refusal(member, origin(), b.id(), token)).isEqualTo(403);
        }
    }

    @Test
    void a_token_from_one_users_session_is_refused_in_another_users_session_and_in_another_session() throws Exception {
        try (HttpLogin member = logIn(tenant.member().username());
             HttpLogin owner = logIn(tenant.owner().username());
             HttpLogin memberElsewhere = logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a.id(), member.sessionId());
            assertThat(refusal(owner, origin(), a.id(), token)).isEqualTo(403);
            String another = issue(tenant.member().username(), a.id(), member.sessionId());
            assertThat(refusal(memberElsewhere, origin(), a.id(), another)).isEqualTo(403);
        }
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        try (HttpLogin member = logIn(tenant.member().username())) {
            String token = "expired-" + UUID.randomUUID();
            tokens.insert(ConsoleService.sha256(token), new ConsoleTokens.Row(tenant.member().id(),
                    ConsoleService.sha256(member.sessionId()), ConsoleKind.CONTAINER_SHELL, a.id(),
                    Instant.now().minusMillis(1)));
            assertThat(refusal(member, origin(), a.id(), token)).isEqualTo(403);
        }
    }

    @Test
    void a_handshake_from_a_foreign_origin_is_refused() throws Exception {
        try (HttpLogin member = logIn(tenant.member().username())) {
            String token = issue(tenant.member().username(), a.id(), member.sessionId());
            assertThat(refusal(member, "http://evil.example", a.id(), token)).isEqualTo(403);
            assertThat(refusal(member, "http://localhost:" + (port + 1), a.id(), token)).isEqualTo(403);
        }
    }

    @Test
    void a_viewer_and_an_outsider_get_no_token() {
        String outsider = fixtures.user("shell-outsider").username();
        assertThatThrownBy(() -> issue(tenant.viewer().username(), a.id(), "session"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> issue(outsider, a.id(), "session")).isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void one_user_holds_at_most_the_configured_number_of_consoles() {
        String user = fixtures.user("shell-limit").username();
        asUser(tenant.owner().username(), () -> projects.addMember(tenant.id(), user, ProjectRole.MEMBER));
        for (int i = 0; i < 4; i++) {
            issue(user, a.id(), "session");
        }
        assertThatThrownBy(() -> issue(user, a.id(), "session")).isInstanceOf(ConsoleRefusedException.class)
                .hasMessageContaining("close one first");
    }

    @Test
    void an_idle_console_is_closed_after_the_idle_timeout() throws Exception {
        try (HttpLogin member = logIn(tenant.member().username())) {
            Client shell = connect(member, origin(), a.id(), issue(tenant.member().username(), a.id(), member.sessionId()));
            shell.type("echo alive\n");
            shell.awaitOutput("alive");
            consoles.watch(Instant.now().plus(Duration.ofMinutes(14)));
            assertThat(shell.closed).isNotDone();
            consoles.watch(Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1));
            assertThat(shell.closed.get(5, TimeUnit.SECONDS)).contains("idle for 15 min");
        }
    }

    @Test
    void deleting_the_container_ends_its_open_shell_within_2_seconds() throws Exception {
        ContainerSummary doomed = running("shell-doomed");
        try (HttpLogin member = logIn(tenant.member().username())) {
            Client shell = connect(member, origin(), doomed.id(), issue(tenant.member().username(), doomed.id(), member.sessionId()));
            shell.type("echo before\n");
            shell.awaitOutput("before");
            long t0 = System.nanoTime();
            asUser(tenant.member().username(), () -> containers.delete(doomed.id()));
            shell.closed.get(2, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void disabling_the_user_or_taking_their_role_ends_their_open_shell_within_2_seconds() throws Exception {
        Fixtures.Tenant other = fixtures.tenant("shell-roles");
        ContainerSummary c = running(other, "shell-roles");
        try {
            try (HttpLogin member = logIn(other.member().username())) {
                Client shell = connect(member, origin(), c.id(), issue(other.member().username(), c.id(), member.sessionId()));
                shell.awaitOutput("#");
                asUser(other.owner().username(), () -> projects.changeRole(other.id(), other.member().id(), ProjectRole.VIEWER));
                assertThat(shell.closed.get(2, TimeUnit.SECONDS)).contains("no longer allowed");
            }
            try (HttpLogin owner = logIn(other.owner().username())) {
                Client shell = connect(owner, origin(), c.id(), issue(other.owner().username(), c.id(), owner.sessionId()));
                shell.awaitOutput("#");
                asAdmin(() -> identity.disable(other.owner().id()));
                assertThat(shell.closed.get(2, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            asAdmin(() -> tasks.await(containers.delete(c.id()).taskId(), Duration.ofSeconds(60)));
        }
    }

    // ---- helpers

    private ContainerSummary running(String name) {
        return running(tenant, name);
    }

    private ContainerSummary running(Fixtures.Tenant in, String name) {
        String unique = name + "-" + Long.toString(System.nanoTime() % 100_000);
        UUID id = asUser(in.member().username(), () -> {
            var op = containers.create(new NewContainer(unique, in.id(), ContainerService.DEFAULT_IMAGE,
                    "trap 'exit 0' TERM; sleep 3600 & wait", Map.of(), 0.2, 32, "no", null));
            tasks.await(op.taskId(), Duration.ofSeconds(60));
            return op.container().id();
        });
        return asUser(in.member().username(), () -> containers.get(id));
    }

    private String issue(String username, UUID container, String sessionId) {
        return asUser(username, () -> consoles.issue(ConsoleKind.CONTAINER_SHELL, container, sessionId));
    }

    private HttpLogin logIn(String username) throws Exception {
        return sockets().logIn(username);
    }

    private String origin() {
        return sockets().origin();
    }

    private Client connect(HttpLogin login, String origin, UUID resource, String token) throws Exception {
        return sockets().connect(login, origin, resource, token);
    }

    private int refusal(HttpLogin login, String origin, UUID resource, String token) throws Exception {
        return sockets().refusal(login, origin, resource, token);
    }

    private ConsoleSockets sockets() {
        return new ConsoleSockets(port, throttle);
    }
}
