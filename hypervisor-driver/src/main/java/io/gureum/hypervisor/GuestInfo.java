package io.gureum.hypervisor;

import java.util.List;
import java.util.Optional;

/**
 * What a running guest says about itself through the QEMU guest agent, or, when the agent does not answer, what the
 * host knows (the addresses of its DHCP leases).
 *
 * @param agentConnected  true when the guest agent answered just now
 * @param osName          the guest's OS name from the agent (e.g. "Debian GNU/Linux 12 (bookworm)")
 * @param hostname        the guest's host name from the agent
 * @param interfaces      the guest's NICs with addresses (loopback left out)
 * @param addressSource   "agent" or "leases": where the addresses come from
 */
public record GuestInfo(boolean agentConnected, Optional<String> osName, Optional<String> hostname,
                        List<VmInterface> interfaces, String addressSource) {

    public GuestInfo {
        interfaces = List.copyOf(interfaces);
    }

    /** The first IPv4 address of the guest, without its prefix length. */
    public Optional<String> firstIpv4() {
        return interfaces.stream().flatMap(nic -> nic.addresses().stream())
                .map(a -> a.contains("/") ? a.substring(0, a.indexOf('/')) : a)
                .filter(a -> a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))
                .findFirst();
    }
}
