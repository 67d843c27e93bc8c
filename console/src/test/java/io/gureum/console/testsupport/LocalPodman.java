package io.gureum.console.testsupport;

import static io.gureum.console.testsupport.Actors.asAdmin;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;

/** The registered host whose container engine (the local Podman) takes placements. */
public final class LocalPodman {

    private LocalPodman() {
    }

    /** That host; skips the test (fails it under CI) when there is none. */
    public static HostSummary host(HostService hosts) {
        HostSummary local = asAdmin(() -> hosts.list().stream()
                .filter(h -> h.containerEndpoint() != null && h.engineProduct() != null && h.acceptsPlacements())
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no host with a container engine is registered (local Podman at "
                    + "unix:///run/podman/podman.sock): run src/host/setup.sh");
        }
        return local;
    }
}
