package io.gureum.console.testsupport;

import static io.gureum.console.testsupport.Actors.asAdmin;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.image.ImageCatalog;

/**
 * A libvirt {@code test:///default} host registered for one test, with every other host in maintenance so
 * that automatic placement lands on it; {@link #close()} takes the others out of maintenance and removes it.
 * Skips the test (fails under CI) when the tiny test guest image is not built.
 */
public final class SimulatedHost implements AutoCloseable {

    private final HostService hosts;
    private final HostSummary host;

    private SimulatedHost(HostService hosts, HostSummary host) {
        this.hosts = hosts;
        this.host = host;
    }

    public static SimulatedHost only(HostService hosts, ImageCatalog images) {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        HostSummary simulated = asAdmin(() -> hosts.register(new NewHost(Actors.unique("sim"), "test:///default",
                "", "")));
        SimulatedHost only = new SimulatedHost(hosts, simulated);
        try {
            asAdmin(() -> hosts.forPlacement().stream().filter(h -> !h.id().equals(simulated.id()))
                    .forEach(h -> hosts.setMaintenance(h.id(), true)));
        } catch (RuntimeException e) {
            only.close(); // never leave real hosts in maintenance or take VMs onto them by accident
            throw e;
        }
        return only;
    }

    public HostSummary summary() {
        return host;
    }

    @Override
    public void close() {
        asAdmin(() -> {
            hosts.forPlacement().stream().filter(HostSummary::maintenance)
                    .forEach(h -> hosts.setMaintenance(h.id(), false));
            hosts.remove(host.id());
        });
    }
}
