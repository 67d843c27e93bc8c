package io.gureum.hypervisor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to define a VM, validated on construction (before libvirt sees it).
 * {@code metadata} may be null only for domains the console does not manage.
 */
public record VmSpec(
        String name,
        int vcpus,
        long memoryMib,
        List<DiskSpec> disks,
        BootSource boot,
        List<NicSpec> nics,
        Graphics graphics,
        SerialConsole serial,
        DomainType domainType,
        GureumMetadata metadata) {

    public static final int MAX_VCPUS = 64;
    public static final long MIN_MEMORY_MIB = 32;
    public static final long MAX_MEMORY_MIB = 1024L * 1024;
    public static final int MAX_DISKS = 16;
    public static final int MAX_NICS = 8;

    public VmSpec {
        Names.requireName("VM name", name);
        Names.require(vcpus >= 1 && vcpus <= MAX_VCPUS, "vCPUs must be 1.." + MAX_VCPUS + ", was " + vcpus);
        Names.require(memoryMib >= MIN_MEMORY_MIB && memoryMib <= MAX_MEMORY_MIB,
                "memory must be " + MIN_MEMORY_MIB + ".." + MAX_MEMORY_MIB + " MiB, was " + memoryMib);
        disks = List.copyOf(Objects.requireNonNullElse(disks, List.of()));
        nics = List.copyOf(Objects.requireNonNullElse(nics, List.of()));
        Names.require(disks.size() <= MAX_DISKS, "at most " + MAX_DISKS + " disks");
        Names.require(nics.size() <= MAX_NICS, "at most " + MAX_NICS + " NICs");
        Names.require(boot != null, "boot source is required");
        Names.require(!(boot instanceof BootSource.FromDisk) || !disks.isEmpty(), "booting from disk needs at least one disk");
        Names.require(graphics != null, "graphics is required (use Graphics.NONE)");
        Names.require(serial != null, "serial console is required (use SerialConsole.NONE)");
        Names.require(domainType != null, "domain type is required");
        var macs = new HashSet<String>();
        for (NicSpec nic : nics) {
            Names.require(nic != null, "NIC must not be null");
            Names.require(nic.mac() == null || macs.add(nic.mac()), "duplicate MAC address " + nic.mac());
        }
        for (DiskSpec disk : disks) {
            Names.require(disk != null, "disk must not be null");
        }
        Names.require(disks.stream().filter(DiskSpec.Seed.class::isInstance).count() <= 1, "at most one seed disk");
        Names.require(!(boot instanceof BootSource.FromDisk) || !(disks.getFirst() instanceof DiskSpec.Seed),
                "the first disk boots the VM: it cannot be the seed");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent builder with safe defaults: 1 vCPU, 512 MiB, boot from disk, no graphics, no serial, kvm. */
    public static final class Builder {
        private final String name;
        private int vcpus = 1;
        private long memoryMib = 512;
        private final List<DiskSpec> disks = new ArrayList<>();
        private BootSource boot = BootSource.fromDisk();
        private final List<NicSpec> nics = new ArrayList<>();
        private Graphics graphics = Graphics.NONE;
        private SerialConsole serial = SerialConsole.NONE;
        private DomainType domainType = DomainType.KVM;
        private GureumMetadata metadata;

        private Builder(String name) {
            this.name = name;
        }

        public Builder vcpus(int vcpus) {
            this.vcpus = vcpus;
            return this;
        }

        public Builder memoryMib(long memoryMib) {
            this.memoryMib = memoryMib;
            return this;
        }

        public Builder disk(DiskSpec disk) {
            disks.add(disk);
            return this;
        }

        public Builder boot(BootSource boot) {
            this.boot = boot;
            return this;
        }

        public Builder nic(NicSpec nic) {
            nics.add(nic);
            return this;
        }

        public Builder graphics(Graphics graphics) {
            this.graphics = graphics;
            return this;
        }

        public Builder serial(SerialConsole serial) {
            this.serial = serial;
            return this;
        }

        public Builder domainType(DomainType domainType) {
            this.domainType = domainType;
            return this;
        }

        public Builder metadata(GureumMetadata metadata) {
            this.metadata = metadata;
            return this;
        }

        public VmSpec build() {
            return new VmSpec(name, vcpus, memoryMib, disks, boot, nics, graphics, serial, domainType, metadata);
        }
    }
}
