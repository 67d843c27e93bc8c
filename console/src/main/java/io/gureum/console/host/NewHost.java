package io.gureum.console.host;

/**
 * What an administrator enters to register a host.
 *
 * @param name              short unique name, e.g. "rack1-node3"
 * @param libvirtUri        qemu:///system, qemu+ssh://user@host/system, qemu+tls://host/system or test:///default
 * @param containerEndpoint optional container engine endpoint (unix socket or tcp+TLS); may be blank
 * @param domainType        "kvm" or "qemu"; blank means "kvm when the host offers it, else qemu"
 */
public record NewHost(String name, String libvirtUri, String containerEndpoint, String domainType) {
}
