package io.gureum.container;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineEndpointTest {
    @Test
    void unix_sockets_and_tls_tcp_are_accepted() {
        assertThat(EngineEndpoint.of("unix:///run/podman/podman.sock").isUnixSocket()).isTrue();
        assertThat(EngineEndpoint.tcpTls("host-3.dc", 2376, Path.of("/etc/gureum/tls")).tlsCertDir()).isNotNull();
        assertThat(EngineEndpoint.of("tcp://127.0.0.1:2375").isUnixSocket()).isFalse();
    }

    @Test
    void plain_tcp_to_another_host_is_refused() {
        assertThatThrownBy(() -> EngineEndpoint.of("tcp://10.0.0.5:2375"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("needs TLS");
        assertThatThrownBy(() -> EngineEndpoint.of("http://x")).isInstanceOf(InvalidSpecException.class);
    }
}
