package io.gureum.console.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Placement counts the console's own VMs from the database, not from the host's last (stale) report. */
class PlacementTest {

    private final HostService hosts = mock(HostService.class);
    private final VirtualMachineRepository vms = mock(VirtualMachineRepository.class);
    private final Placement placement = new Placement(hosts, vms, 4.0);

    /** A 2-CPU, 4 GiB host that last reported {@code reportedVcpus} in use, {@code unmanagedVcpus} of them by hand. */
    private static HostSummary host(String name, int reportedVcpus, int unmanagedVcpus) {
        return new HostSummary(UUID.randomUUID(), name, "qemu:///system", null, false, false, "qemu", null,
                HostStatus.UP, null, null, Instant.now(), 2, "cpu", 4L << 30, 2L << 30, 100L << 30, 50L << 30,
                reportedVcpus, reportedVcpus * 256L, unmanagedVcpus, unmanagedVcpus * 256L, 0, 0, null, null, null,
                null, null);
    }

    private void consoleVmsOn(HostSummary host, long vcpus, long memoryMib) {
        when(vms.allocationOn(eq(host.id()), any())).thenReturn(List.<Object[]>of(new Object[] {vcpus, memoryMib}));
    }

    @Test
    void vms_started_since_the_last_report_count_so_the_host_is_never_overcommitted() {
        HostSummary host = host("busy", 0, 1); // reported before the console's 6 vCPUs started
        consoleVmsOn(host, 6, 1536);
        when(hosts.forPlacement()).thenReturn(List.of(host));

        assertThat(placement.choose(1, 256, 1, null)).isEqualTo(host);
        assertThatThrownBy(() -> placement.choose(2, 256, 1, null))
                .isInstanceOf(PlacementException.class)
                .hasMessageContaining("busy: needs 2 vCPUs, 1 free of 8 (2 CPUs x 4.0 overcommit)");
    }

    @Test
    void vms_deleted_since_the_last_report_no_longer_count() {
        HostSummary host = host("emptied", 8, 0); // reported full, but the console's VMs there are gone since
        consoleVmsOn(host, 0, 0);
        when(hosts.forPlacement()).thenReturn(List.of(host));

        assertThat(placement.choose(8, 2048, 1, null)).isEqualTo(host);
    }

    @Test
    void the_least_loaded_host_is_chosen_by_what_is_in_use_now() {
        HostSummary quiet = host("quiet", 8, 0);
        HostSummary loaded = host("loaded", 0, 0);
        consoleVmsOn(quiet, 1, 256);
        consoleVmsOn(loaded, 5, 1024);
        when(hosts.forPlacement()).thenReturn(List.of(loaded, quiet));

        assertThat(placement.choose(1, 256, 1, null)).isEqualTo(quiet);
    }
}
