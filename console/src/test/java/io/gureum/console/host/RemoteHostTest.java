package io.gureum.console.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.SecondHost;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * A real remote host: the second libvirtd that src/host/second-host.sh runs on this machine, behind an sshd on
 * 127.0.0.1:10022. The console logs in with its own key and checks the host key against its own known_hosts.
 */
@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class RemoteHostTest {

    static final String URI = SecondHost.URI;

    @Autowired
    HostService hosts;

    @Autowired
    HostRepository repository;

    @Autowired
    ConsoleSshIdentity ssh;

    @Autowired
    HypervisorConnections connections;

    @AfterEach
    void removeTestHosts() {
        repository.findAll().stream().filter(h -> h.name().startsWith("r-")).forEach(h -> hosts.remove(h.id()));
    }

    @Test
    void a_remote_host_is_registered_over_ssh_with_the_consoles_own_key_and_a_changed_host_key_is_refused()
            throws Exception {
        SecondHost.trust(hosts.consoleSshPublicKey(), ssh.knownHosts());
        assertThat(hosts.consoleSshPublicKey()).startsWith("ssh-ed25519 ").endsWith("gureum-console");

        ConnectionCheck check = hosts.testConnection(URI);
        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(check.message()).contains("SSH host key ssh-ed25519 SHA256:");
        String recorded = hosts.sshHostKey(URI).orElseThrow();

        HostSummary remote = hosts.register(new NewHost("r-" + UUID.randomUUID().toString().substring(0, 8), URI,
                "", "qemu"));
        assertThat(remote.status()).as(remote.statusMessage()).isEqualTo(HostStatus.UP);
        assertThat(remote.storagePool().active()).as(remote.storagePoolText()).isTrue();
        // Another libvirtd, not this machine's: its own identity.
        String remoteUuid = hosts.hypervisorOf(remote.id()).hostInfo().hostUuid();
        try (var local = io.gureum.hypervisor.libvirt.LibvirtHypervisor.open("qemu:///system")) {
            assertThat(remoteUuid).isNotBlank().isNotEqualTo(local.hostInfo().hostUuid());
        }

        // The host gets a new host key: the console refuses it, on its next connection and on a new test alike.
        regenerateSecondHostKey();
        connections.forget(remote.id()); // drops the open connection, as a network cut would
        HostSummary after = hosts.refresh(remote.id());
        assertThat(after.status()).isNotEqualTo(HostStatus.UP);
        assertThat(after.statusMessage()).startsWith("Refused: the SSH host key of [127.0.0.1]:10022");
        ConnectionCheck refused = hosts.testConnection(URI);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).startsWith("Refused: the SSH host key of [127.0.0.1]:10022 is not the one the "
                + "console recorded (" + recorded + ")").contains(ssh.knownHosts().toString());
        assertThat(hosts.sshHostKey(URI)).as("the recorded key stays").contains(recorded);
    }

    @Test
    void an_ssh_uri_may_not_switch_off_host_key_checks_or_bring_its_own_key() {
        for (String uri : new String[] {URI + "?no_verify=1", URI + "?known_hosts_verify=ignore",
                URI + "?keyfile=/etc/shadow", URI + "?known_hosts=/dev/null"}) {
            assertThatThrownBy(() -> hosts.register(new NewHost("r-bad", uri, "", "")))
                    .isInstanceOf(HostValidationException.class).hasMessageContaining("is the console's own");
        }
    }

    static void regenerateSecondHostKey() throws Exception {
        Process p = new ProcessBuilder("../src/host/second-host.sh", "regenerate-host-key").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
