package io.gureum.console.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@ConsoleTest
@RecordApplicationEvents
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class HostServiceTest {

    /** Answers nothing: TLS to a closed loopback port. */
    static final String DEAD_URI = "qemu+tls://127.0.0.1:1/system";

    @Autowired
    HostService hosts;

    @Autowired
    HostRepository repository;

    @Autowired
    ApplicationEvents events;

    @AfterEach
    void removeTestHosts() {
        repository.findAll().stream().filter(h -> h.name().startsWith("t-")).forEach(h -> hosts.remove(h.id()));
    }

    static String uniqueName() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void the_first_start_registered_this_server_when_libvirtd_answers() {
        if (!Files.exists(Path.of("/var/run/libvirt/libvirt-sock"))) {
            Requires.missing("no libvirtd on this machine (no /var/run/libvirt/libvirt-sock): "
                    + "run src/host/setup.sh");
        }
        HostSummary local = hosts.list().stream().filter(h -> h.name().equals("local")).findFirst().orElseThrow();

        assertThat(local.libvirtUri()).isEqualTo("qemu:///system");
        assertThat(local.simulated()).isFalse();
        assertThat(local.status()).isEqualTo(HostStatus.UP);
        assertThat(local.cpus()).isPositive();
        assertThat(local.memoryTotalBytes()).isPositive();
        assertThat(local.domainType()).isIn("KVM", "QEMU");
        assertThat(local.domainTypeReason()).isNotBlank();
        // ... with the console's storage pool made at that registration, so its first VM can be placed.
        assertThat(local.storagePool().name()).isEqualTo("gureum");
        assertThat(local.storagePool().active()).as(local.storagePoolText()).isTrue();
        assertThat(local.storageAvailableBytes()).isGreaterThanOrEqualTo(1L << 30);
    }

    @Test
    void registering_the_simulated_host_records_what_it_answered() {
        HostSummary host = hosts.register(new NewHost(uniqueName(), "test:///default", "", ""));

        assertThat(host.simulated()).isTrue();
        assertThat(host.status()).isEqualTo(HostStatus.UP);
        assertThat(host.acceptsPlacements()).isTrue();
        assertThat(host.cpus()).isPositive();
        assertThat(host.memoryTotalBytes()).isPositive();
        assertThat(host.domainsTotal()).isPositive(); // the test driver starts with its "test" domain
        assertThat(host.lastSeenAt()).isNotNull();
        // The test driver brings its own directory pool: VM disks go there.
        assertThat(host.storagePool().name()).isEqualTo("default-pool");
        assertThat(host.storagePool().active()).isTrue();
        assertThat(host.storagePool().problem()).isNull();
        assertThat(host.storageAvailableBytes()).isPositive();
        assertThat(hosts.list()).extracting(HostSummary::id).contains(host.id());
        assertThat(events.stream(HostEvents.HostRegistered.class))
                .anySatisfy(e -> assertThat(e.hostId()).isEqualTo(host.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://server/system", "qemu+ssh://server/system?command=/bin/sh",
            "qemu+ssh://server/system?netcat=nc", "qemu:///system?socket=/tmp/evil", "test:///etc/passwd",
            "qemu://server/system", "qemu+ssh:///system", "qemu:///session", "not a uri"})
    void unsafe_or_wrong_uris_are_refused_with_what_to_fix_and_nothing_is_registered(String uri) {
        long before = repository.count();

        assertThatThrownBy(() -> hosts.register(new NewHost(uniqueName(), uri, "", "")))
                .isInstanceOf(HostValidationException.class)
                .hasMessageMatching("(?s).*(qemu|URI|test:///default|/system).*");
        assertThat(repository.count()).isEqualTo(before);
    }

    @Test
    void the_first_start_recorded_this_servers_podman_engine_when_it_answers() {
        if (!Files.exists(Path.of("/run/podman/podman.sock"))) {
            Requires.missing("no Podman API socket at /run/podman/podman.sock: run src/host/setup.sh");
        }
        HostSummary local = hosts.list().stream().filter(h -> !h.name().startsWith("t-")).findFirst().orElseThrow();

        assertThat(local.containerEndpoint()).isEqualTo("unix:///run/podman/podman.sock");
        assertThat(local.engineProduct()).isEqualTo("PODMAN");
        assertThat(local.engineText()).matches("Podman \\d+\\..*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:///etc/shadow", "tcp://10.0.0.5:2375", "unix:///tmp/../run/podman/podman.sock",
            "http://localhost:2375"})
    void container_endpoints_other_than_the_engines_own_sockets_are_refused(String endpoint) {
        assertThatThrownBy(() -> hosts.register(new NewHost(uniqueName(), "test:///default", endpoint, "")))
                .isInstanceOf(HostValidationException.class)
                .hasMessageContaining("is not supported");
    }

    @Test
    void a_host_with_a_container_endpoint_reports_its_engine() {
        if (!Files.exists(Path.of("/run/podman/podman.sock"))) {
            Requires.missing("no Podman API socket at /run/podman/podman.sock: run src/host/setup.sh");
        }
        HostSummary host = hosts.register(new NewHost(uniqueName(), "test:///default",
                "unix:///run/podman/podman.sock", ""));

        assertThat(host.engineText()).startsWith("Podman ");
        assertThat(host.engineMessage()).isNull();
    }

    @Test
    void a_duplicate_name_is_refused() {
        String name = uniqueName();
        hosts.register(new NewHost(name, "test:///default", "", ""));

        assertThatThrownBy(() -> hosts.register(new NewHost(name, "test:///default", "", "")))
                .isInstanceOf(HostValidationException.class)
                .hasMessageContaining("exists already");
    }

    @Test
    void a_host_that_does_not_answer_is_refused_at_registration_with_a_hint() {
        assertThat(hosts.testConnection(DEAD_URI).ok()).isFalse();
        assertThat(hosts.testConnection(DEAD_URI).message()).contains("No answer from " + DEAD_URI, "TLS");
        assertThatThrownBy(() -> hosts.register(new NewHost(uniqueName(), DEAD_URI, "", "")))
                .isInstanceOf(HostValidationException.class)
                .hasMessageContaining("No answer from");
    }

    @Test
    void a_host_that_stops_answering_turns_unreachable_and_keeps_the_moment_it_stopped() {
        Host gone = repository.saveAndFlush(new Host(uniqueName(), DEAD_URI, null, false, "KVM", "test",
                Instant.now()));

        HostSummary first = hosts.refresh(gone.id());
        HostSummary second = hosts.refresh(gone.id());

        assertThat(first.status()).isEqualTo(HostStatus.UNREACHABLE);
        assertThat(first.statusText()).startsWith("unreachable since ");
        assertThat(first.statusMessage()).contains("No answer from");
        assertThat(first.acceptsPlacements()).isFalse();
        assertThat(second.unreachableSince()).isEqualTo(first.unreachableSince());
        assertThat(events.stream(HostEvents.HostStatusChanged.class))
                .anySatisfy(e -> {
                    assertThat(e.hostId()).isEqualTo(gone.id());
                    assertThat(e.to()).isEqualTo(HostStatus.UNREACHABLE);
                });
    }

    @Test
    void a_host_in_maintenance_takes_no_new_placements() {
        HostSummary host = hosts.register(new NewHost(uniqueName(), "test:///default", "", ""));

        HostSummary inMaintenance = hosts.setMaintenance(host.id(), true);

        assertThat(inMaintenance.acceptsPlacements()).isFalse();
        assertThat(inMaintenance.statusText()).isEqualTo("maintenance");
        assertThat(hosts.setMaintenance(host.id(), false).acceptsPlacements()).isTrue();
        assertThat(events.stream(HostEvents.HostMaintenanceChanged.class)).hasSize(2);
    }

    @Test
    void kvm_cannot_be_forced_on_a_host_that_does_not_offer_it() {
        assertThatThrownBy(() -> hosts.register(new NewHost(uniqueName(), "test:///default", "", "kvm")))
                .isInstanceOf(HostValidationException.class)
                .hasMessageContaining("does not offer KVM");
    }

    @Nested
    @WithMockUser(username = "member", roles = "USER")
    class AsOrdinaryUser {

        @Test
        void hosts_are_for_administrators_only() {
            assertThatThrownBy(() -> hosts.list()).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> hosts.register(new NewHost(uniqueName(), "test:///default", "", "")))
                    .isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> hosts.testConnection("test:///default"))
                    .isInstanceOf(AuthorizationDeniedException.class);
        }
    }
}
