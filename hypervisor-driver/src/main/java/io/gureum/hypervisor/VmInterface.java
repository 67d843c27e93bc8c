package io.gureum.hypervisor;

import java.util.List;

/** A guest NIC and the addresses libvirt knows for it (from DHCP leases), as "ip/prefix". */
public record VmInterface(String name, String mac, List<String> addresses) {
}
