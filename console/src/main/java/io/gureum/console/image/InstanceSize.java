package io.gureum.console.image;

import java.util.UUID;

/** An instance size preset: what a VM of that size gets. */
public record InstanceSize(UUID id, String name, int vcpus, long memoryMib, int diskGib) {

    /** "small: 1 vCPU, 1024 MiB, 10 GiB". */
    public String label() {
        return name + ": " + vcpus + (vcpus == 1 ? " vCPU, " : " vCPUs, ") + memoryMib + " MiB, " + diskGib + " GiB";
    }
}
