package io.gureum.console.quota;

/**
 * Amounts of the resources a quota limits; used for limits, usage and demands alike.
 *
 * @param containerCpus      CPUs all containers of the project may use together
 * @param containerMemoryMib memory all containers of the project may use together
 */
public record ResourceAmounts(int vcpus, long memoryMib, int diskGib, int vms, int containers, int containerCpus,
                              long containerMemoryMib) {

    public static final ResourceAmounts NONE = new ResourceAmounts(0, 0, 0, 0, 0, 0, 0);

    public ResourceAmounts {
        notNegative("vcpus", "vCPUs", vcpus);
        notNegative("memoryMib", "memory (MiB)", memoryMib);
        notNegative("diskGib", "disk (GiB)", diskGib);
        notNegative("vms", "VMs", vms);
        notNegative("containers", "containers", containers);
        notNegative("containerCpus", "container CPUs", containerCpus);
        notNegative("containerMemoryMib", "container memory (MiB)", containerMemoryMib);
    }

    private static void notNegative(String field, String what, long amount) {
        if (amount < 0) {
            throw new QuotaValidationException(field, "Quota amounts are 0 or more: " + what + " cannot be " + amount
                    + ".");
        }
    }

    public ResourceAmounts plus(ResourceAmounts other) {
        return new ResourceAmounts(vcpus + other.vcpus, memoryMib + other.memoryMib, diskGib + other.diskGib,
                vms + other.vms, containers + other.containers, containerCpus + other.containerCpus,
                containerMemoryMib + other.containerMemoryMib);
    }

    /** What is left of this (a limit) after {@code used}, never below zero in any amount. */
    public ResourceAmounts remainingAfter(ResourceAmounts used) {
        return new ResourceAmounts(Math.max(0, vcpus - used.vcpus), Math.max(0, memoryMib - used.memoryMib),
                Math.max(0, diskGib - used.diskGib), Math.max(0, vms - used.vms),
                Math.max(0, containers - used.containers), Math.max(0, containerCpus - used.containerCpus),
                Math.max(0, containerMemoryMib - used.containerMemoryMib));
    }

    /** The names of the amounts in which this exceeds {@code limit}, empty when it fits. */
    public java.util.List<String> exceeding(ResourceAmounts limit) {
        java.util.List<String> over = new java.util.ArrayList<>();
        if (vcpus > limit.vcpus) over.add("vCPUs " + vcpus + " > " + limit.vcpus);
        if (memoryMib > limit.memoryMib) over.add("memory " + memoryMib + " MiB > " + limit.memoryMib + " MiB");
        if (diskGib > limit.diskGib) over.add("disk " + diskGib + " GiB > " + limit.diskGib + " GiB");
        if (vms > limit.vms) over.add("VMs " + vms + " > " + limit.vms);
        if (containers > limit.containers) over.add("containers " + containers + " > " + limit.containers);
        if (containerCpus > limit.containerCpus) {
            over.add("container CPUs " + containerCpus + " > " + limit.containerCpus);
        }
        if (containerMemoryMib > limit.containerMemoryMib) {
            over.add("container memory " + containerMemoryMib + " MiB > " + limit.containerMemoryMib + " MiB");
        }
        return over;
    }
}
