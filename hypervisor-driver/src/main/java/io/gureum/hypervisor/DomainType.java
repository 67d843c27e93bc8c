package io.gureum.hypervisor;

/** How a VM is virtualised: hardware KVM or QEMU software emulation (TCG). */
public enum DomainType {
    KVM("kvm"),
    QEMU("qemu");

    private final String id;

    DomainType(String id) {
        this.id = id;
    }

    /** libvirt's name for the domain type. */
    public String id() {
        return id;
    }

    public static DomainType fromId(String id) {
        for (DomainType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new HypervisorException.InvalidSpec("unsupported domain type: " + Names.quote(id));
    }
}
