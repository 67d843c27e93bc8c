package io.gureum.console.vm;

import java.util.List;

/**
 * What the VM page shows about the guest: the QEMU guest agent's answers (or nothing when it does not answer),
 * the addresses (from the agent, else from the host's DHCP leases) and, for a cloud-init image, cloud-init's progress
 * and the SSH command line to log in with.
 *
 * @param osName     the guest's OS name from the agent, null when unknown
 * @param hostname   the guest's host name from the agent, null when unknown
 * @param addresses  "nic: address/prefix" entries
 * @param sshCommand e.g. {@code ssh debian@192.168.122.10}, null when not a cloud-init VM or no address is known
 * @param cloudInit  cloud-init's progress; {@link CloudInitStatus#NOT_USED} for a VM from an image without it
 */
public record VmGuest(boolean agentConnected, String osName, String hostname, List<String> addresses,
                      String sshCommand, CloudInitStatus cloudInit) {

    public VmGuest {
        addresses = List.copyOf(addresses);
    }

    /** Cloud-init's progress in the guest, as its serial console shows it. */
    public enum CloudInitStatus {
        /** The VM's image does not use cloud-init. */
        NOT_USED,
        /** Booting, or cloud-init has not finished yet. */
        RUNNING,
        /** Cloud-init finished with the VM's seed. */
        DONE,
        /** Cloud-init reported a failure, or finished without finding the seed. */
        FAILED;

        /** How the VM page says it. */
        public String words() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
