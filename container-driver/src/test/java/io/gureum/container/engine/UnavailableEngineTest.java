package io.gureum.container.engine;

import io.gureum.container.EngineEndpoint;
import io.gureum.container.UnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An engine that is down is reported as Unavailable within 2 s, never as a hang. No engine needed. */
class UnavailableEngineTest {
    @TempDir
    Path dir;

    @Test
    void a_missing_socket_is_unavailable_at_once_with_a_hint() {
        EngineEndpoint nowhere = EngineEndpoint.unix(dir.resolve("podman/podman.sock"));
        assertThatThrownBy(() -> ContainerEngines.open(nowhere))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no engine at unix://" + dir.resolve("podman/podman.sock"))
                .hasMessageContaining("podman system service");
    }

    @Test
    void a_socket_nobody_listens_on_is_unavailable_within_seconds() throws Exception {
        Path sock = dir.resolve("dead.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(sock)); // leaves the socket file behind once closed
        }
        assertUnavailableWithinSeconds(EngineEndpoint.unix(sock));
    }

    @Test
    void an_engine_that_accepts_but_never_answers_is_unavailable_within_seconds() throws Exception {
        Path sock = dir.resolve("hung.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread acceptor = Thread.ofVirtual().start(() -> {
                List<SocketChannel> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        held.add(server.accept()); // accept and say nothing
                    }
                } catch (Exception closed) {
                    held.forEach(c -> {
                        try {
                            c.close();
                        } catch (Exception ignored) {
                            // test cleanup
                        }
                    });
                }
            });
            assertUnavailableWithinSeconds(EngineEndpoint.unix(sock));
            server.close();
            acceptor.join(2000);
        }
    }

    @Test
    void discovery_explains_every_place_it_looked() {
        List<EngineEndpoint> places = List.of(EngineEndpoint.unix(dir.resolve("a/podman.sock")), EngineEndpoint.unix(dir.resolve("docker.sock")));
        assertThatThrownBy(() -> ContainerEngines.discover(places))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no container engine answers")
                .hasMessageContaining("a/podman.sock").hasMessageContaining("podman system service")
                .hasMessageContaining("docker.sock").hasMessageContaining("systemctl start docker");
    }

    @Test
    void candidates_come_from_the_environment_first() {
        assertThat(ContainerEngines.candidates(java.util.Map.of("GUREUM_CONTAINER_ENDPOINT", "unix:///tmp/x.sock")))
                .extracting(e -> e.uri().toString())
                .containsExactly("unix:///tmp/x.sock", "unix:///run/podman/podman.sock", "unix:///var/run/docker.sock");
    }

    private static void assertUnavailableWithinSeconds(EngineEndpoint endpoint) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> ContainerEngines.open(endpoint)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no engine at");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // The connect deadline is 1.5 s; the bound adds room for a loaded 2-CPU CI machine (2.8 s was seen at load
        // 20). What it guards is that nobody waits for the 60 s call timeout, let alone forever.
        assertThat(ms).as("time to report Unavailable (ms)").isLessThan(5000);
    }
}
