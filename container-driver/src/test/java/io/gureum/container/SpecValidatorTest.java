package io.gureum.container;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecValidatorTest {

    static ContainerSpec.Builder web() {
        return ContainerSpec.builder("web-1", "localhost/gureum/busybox:latest")
                .command("httpd", "-f", "-p", "8080")
                .env("GREETING", "hello")
                .port(PortMapping.tcpAuto(8080))
                .limits(0.5, 64)
                .restart(RestartPolicy.onFailure(3))
                .healthCheck(HealthCheck.httpGet(8080, "/", Duration.ofSeconds(5), Duration.ofSeconds(2), 3))
                .labels("ct-42", "project-7")
                .volume("data", "/data");
    }

    @Test
    void a_reasonable_spec_has_no_problems() {
        assertThat(web().build().problems()).isEmpty();
    }

    @Test
    void ports_default_to_loopback_and_tcp() {
        PortMapping p = new PortMapping(80, 0, null, null);
        assertThat(p.hostIp()).isEqualTo("127.0.0.1");
        assertThat(p.protocol()).isEqualTo(Protocol.TCP);
        assertThat(p.automaticHostPort()).isTrue();
    }

    @Test
    void limits_are_required_and_bounded() {
        assertThat(web().limits(null).build().problems()).anyMatch(s -> s.contains("limits are required"));
        assertThat(web().limits(0, 64).build().problems()).anyMatch(s -> s.contains("CPU limit"));
        assertThat(web().limits(100, 64).build().problems()).anyMatch(s -> s.contains("CPU limit"));
        assertThat(web().limits(new Limits(1, 1024)).build().problems()).anyMatch(s -> s.contains("memory limit"));
    }

    @Test
    void names_env_keys_and_paths_are_checked() {
        assertThat(web().name("../etc").build().problems()).anyMatch(s -> s.startsWith("name"));
        assertThat(web().env("BAD-KEY", "x").build().problems()).anyMatch(s -> s.contains("environment key"));
        assertThat(web().env("A=B", "x").build().problems()).anyMatch(s -> s.contains("environment key"));
        assertThat(web().workingDir("relative").build().problems()).anyMatch(s -> s.contains("working directory"));
        assertThat(web().volume("../x", "/x").build().problems()).anyMatch(s -> s.contains("volume name"));
        assertThat(web().volume("logs", "/a/../b").build().problems()).anyMatch(s -> s.contains("mount point"));
        assertThat(web().port(new PortMapping(80, 0, Protocol.TCP, "example.org")).build().problems())
                .anyMatch(s -> s.contains("host IP"));
    }

    @Test
    void restart_and_health_are_bounded() {
        assertThat(web().restart(RestartPolicy.onFailure(1000)).build().problems()).anyMatch(s -> s.contains("retries"));
        assertThat(web().healthCheck(HealthCheck.exec(java.util.List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
                .build().problems()).anyMatch(s -> s.contains("health check command"));
        assertThat(web().healthCheck(HealthCheck.httpGet(80, "/", Duration.ofMillis(10), Duration.ofMillis(5), 0))
                .build().problems()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void every_host_privilege_is_refused_with_its_own_reason() {
        HostAccess everything = HostAccess.NONE.withPrivileged().withCapabilities("SYS_ADMIN").withDevices("/dev/kvm")
                .withNamespaces("host", "host", "host", "host").withSecurityOptions("seccomp=unconfined");
        ContainerSpec spec = web().hostAccess(everything)
                .mount(new Mount.Bind("/etc", "/host-etc", true))
                .mount(new Mount.Bind("/run/podman/podman.sock", "/var/run/docker.sock", false))
                .build();
        assertThat(spec.problems()).contains(
                "privileged mode is not allowed",
                "added capabilities are not allowed: [SYS_ADMIN]",
                "host devices are not allowed: [/dev/kvm]",
                "the host pid namespace is not allowed",
                "the host network namespace is not allowed",
                "the host ipc namespace is not allowed",
                "the host uts namespace is not allowed",
                "unconfined security options are not allowed: seccomp=unconfined",
                "bind mounts of host paths are not allowed, use a named volume: /etc");
        assertThat(spec.problems()).anyMatch(s -> s.startsWith("mounting the engine's own socket is not allowed"));
        assertThatThrownBy(spec::requireValid).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("privileged mode is not allowed");
    }

    @Test
    void no_new_privileges_is_the_only_security_option_allowed() {
        assertThat(web().hostAccess(HostAccess.NONE.withSecurityOptions("no-new-privileges")).build().problems()).isEmpty();
        assertThat(web().hostAccess(HostAccess.NONE.withSecurityOptions("apparmor=my-profile")).build().problems())
                .anyMatch(s -> s.contains("allow-list"));
        assertThat(web().hostAccess(HostAccess.NONE.withSecurityOptions("label=disable")).build().problems())
                .anyMatch(s -> s.contains("unconfined"));
        assertThat(web().hostAccess(HostAccess.NONE.withNamespaces(null, "container:other", null, null)).build().problems())
                .anyMatch(s -> s.contains("network namespace mode not allowed"));
    }
}
