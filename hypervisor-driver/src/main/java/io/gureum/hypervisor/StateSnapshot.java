package io.gureum.hypervisor;

import java.time.Instant;
import java.util.List;

/** All VMs of a host at one moment, for periodic resync of the observed state. */
public record StateSnapshot(String uri, Instant takenAt, List<VmInfo> vms) {
}
