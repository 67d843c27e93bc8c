package io.gureum.hypervisor;

/** Disk image formats the driver accepts; always stated, never probed. */
public enum DiskFormat {
    QCOW2("qcow2"),
    RAW("raw");

    private final String libvirtName;

    DiskFormat(String libvirtName) {
        this.libvirtName = libvirtName;
    }

    /** The name libvirt and qemu-img use for this format. */
    public String id() {
        return libvirtName;
    }

    /** Parses a libvirt/qemu-img format name; InvalidSpec for anything not allow-listed. */
    public static DiskFormat fromId(String id) {
        for (DiskFormat f : values()) {
            if (f.libvirtName.equals(id)) {
                return f;
            }
        }
        throw new HypervisorException.InvalidSpec("unsupported disk format: " + Names.quote(id));
    }
}
