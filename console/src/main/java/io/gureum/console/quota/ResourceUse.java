package io.gureum.console.quota;

import java.util.List;

/**
 * How much of one limited resource a project uses, as views show it: "3 / 8 vCPUs".
 *
 * @param name  what is limited, as people read it ("vCPUs", "Memory")
 * @param unit  the unit of {@code used} and {@code limit} ("MiB", "GiB", or empty for counts)
 */
public record ResourceUse(String name, String unit, long used, long limit) {

    /** At or above this share of a limit a project is "near" its quota. */
    public static final double NEAR = 0.8;

    /** Used share of the limit, 0..1 for display (a usage above the limit shows full). */
    public double fraction() {
        if (limit <= 0) {
            return used > 0 ? 1 : 0;
        }
        return Math.min(1.0, (double) used / limit);
    }

    /** Usage above the limit: possible after an administrator lowered it; new resources are then refused. */
    public boolean over() {
        return used > limit;
    }

    /** At least {@link #NEAR} of a non-zero limit used (over included). */
    public boolean near() {
        return over() || (limit > 0 && used >= NEAR * limit);
    }

    /** "3 / 8 vCPUs", "1280 / 16384 MiB memory". */
    public String text() {
        String suffix = unit.isEmpty() ? " " + name : " " + unit + " " + name.toLowerCase();
        return used + " / " + limit + suffix;
    }

    /** One line per limited resource, in the order the quota lists them. */
    static List<ResourceUse> of(ResourceAmounts used, ResourceAmounts limits) {
        return List.of(
                new ResourceUse("vCPUs", "", used.vcpus(), limits.vcpus()),
                new ResourceUse("Memory", "MiB", used.memoryMib(), limits.memoryMib()),
                new ResourceUse("Disk", "GiB", used.diskGib(), limits.diskGib()),
                new ResourceUse("VMs", "", used.vms(), limits.vms()),
                new ResourceUse("Containers", "", used.containers(), limits.containers()),
                new ResourceUse("Container CPUs", "", used.containerCpus(), limits.containerCpus()),
                new ResourceUse("Container memory", "MiB", used.containerMemoryMib(), limits.containerMemoryMib()));
    }
}
