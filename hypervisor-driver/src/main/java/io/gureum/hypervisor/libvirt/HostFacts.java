package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.HostInfo;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.w3c.dom.Element;

import java.util.EnumSet;
import java.util.Set;

/** CPU, memory, domain types, versions and pools of a host. */
final class HostFacts {

    private HostFacts() {
    }

    static HostInfo read(Connect c) throws LibvirtException {
        NodeInfo node = c.nodeInfo();
        long free = freeMemory(c, node);
        String capabilities = c.getCapabilities();
        return new HostInfo(c.getHostName(), c.getURI(), node.cpus, node.model, node.mhz, node.memory * 1024, free,
                domainTypes(capabilities), version(c.getLibVersion()), c.getType() + " " + version(c.getVersion()),
                Storage.allPools(c), hostUuid(capabilities));
    }

    /** The {@code <host><uuid>} of the capabilities (libvirtd.conf host_uuid, else from the machine). */
    static String hostUuid(String capabilitiesXml) {
        Element caps = SafeXml.parse(capabilitiesXml).getDocumentElement();
        return SafeXml.child(caps, "host").flatMap(host -> SafeXml.child(host, "uuid"))
                .map(e -> e.getTextContent().strip()).orElse("");
    }

    /**
     * Free memory in bytes. The test driver opened from a node file ({@code test:///path/node.xml}, used for
     * simulated hosts at scale) has no NUMA cells and cannot answer; it reports its whole memory free.
     */
    private static long freeMemory(Connect c, NodeInfo node) throws LibvirtException {
        try {
            return c.getFreeMemory();
        } catch (LibvirtException e) {
            if ("TEST".equalsIgnoreCase(c.getType())) {
                return node.memory * 1024;
            }
            throw e;
        }
    }

    /** The domain types the capabilities offer for x86_64 hvm guests. */
    static Set<DomainType> domainTypes(String capabilitiesXml) {
        Set<DomainType> types = EnumSet.noneOf(DomainType.class);
        Element caps = SafeXml.parse(capabilitiesXml).getDocumentElement();
        for (Element guest : SafeXml.children(caps, "guest")) {
            boolean hvm = SafeXml.child(guest, "os_type").map(e -> e.getTextContent().strip()).filter("hvm"::equals).isPresent();
            for (Element arch : SafeXml.children(guest, "arch")) {
                if (!hvm || !"x86_64".equals(arch.getAttribute("name"))) {
                    continue;
                }
                for (Element domain : SafeXml.children(arch, "domain")) {
                    switch (domain.getAttribute("type")) {
                        case "kvm" -> types.add(DomainType.KVM);
                        case "qemu" -> types.add(DomainType.QEMU);
                        default -> { }
                    }
                }
            }
        }
        return types;
    }

    static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }
}
