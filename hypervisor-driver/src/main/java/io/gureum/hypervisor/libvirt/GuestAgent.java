package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.GuestInfo;
import io.gureum.hypervisor.VmInterface;
import org.libvirt.Domain;
import org.libvirt.DomainInterface;
import org.libvirt.LibvirtException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a running guest through the QEMU guest agent (libvirt's agent command on the {@code org.qemu.guest_agent.0}
 * channel). The commands are constants of the agent's protocol; nothing a user typed goes into them.
 */
final class GuestAgent {

    private static final int ADDRESSES_FROM_AGENT = 1;
    /** Seconds libvirt waits for an answer: an agent that is not up yet must not hold a worker thread long. */
    private static final int TIMEOUT_SECONDS = 3;
    private static final String PING = "{\"execute\":\"guest-ping\"}";
    private static final String OS_INFO = "{\"execute\":\"guest-get-osinfo\"}";
    private static final String HOST_NAME = "{\"execute\":\"guest-get-host-name\"}";

    /** virDomainShutdownFlags, which libvirt-java 0.5.4 does not bind. */
    interface ShutdownFunctions extends com.sun.jna.Library {
        ShutdownFunctions LIBVIRT = com.sun.jna.Native.load("virt", ShutdownFunctions.class);

        int virDomainShutdownFlags(com.sun.jna.Pointer domain, int flags);

        String virGetLastErrorMessage();
    }

    private static final int SHUTDOWN_ACPI = 1;
    private static final int SHUTDOWN_GUEST_AGENT = 2;

    private GuestAgent() {
    }

    /**
     * Asks the guest to power off: through the agent when it answers (a guest that ignores ACPI still shuts down
     * cleanly), else by the ACPI power button.
     */
    static void shutdown(Domain d) throws LibvirtException {
        if (!answers(d)) {
            d.shutdown();
            return;
        }
        // Agent first, ACPI if the agent fails: libvirt tries the methods given in the flags.
        if (ShutdownFunctions.LIBVIRT.virDomainShutdownFlags(SerialStream.pointer(d, "vdp"),
                SHUTDOWN_GUEST_AGENT | SHUTDOWN_ACPI) < 0) {
            String why = ShutdownFunctions.LIBVIRT.virGetLastErrorMessage();
            throw new io.gureum.hypervisor.HypervisorException.WrongState("cannot shut down VM " + d.getName() + ": "
                    + why);
        }
    }

    /** True when the agent answers a ping now. */
    static boolean answers(Domain d) {
        try {
            d.qemuAgentCommand(PING, TIMEOUT_SECONDS, 0);
            return true;
        } catch (LibvirtException notConnected) {
            return false;
        }
    }

    static GuestInfo read(Domain d) throws LibvirtException {
        if (!Domains.isActive(d) || !answers(d)) {
            return new GuestInfo(false, Optional.empty(), Optional.empty(), StatsReader.addresses(d), "leases");
        }
        Optional<String> os = command(d, OS_INFO).map(r -> r.get("pretty-name")).map(String::valueOf);
        Optional<String> host = command(d, HOST_NAME).map(r -> r.get("host-name")).map(String::valueOf);
        List<VmInterface> nics = new ArrayList<>();
        try {
            for (DomainInterface nic : d.interfaceAddresses(ADDRESSES_FROM_AGENT, 0)) {
                if ("lo".equals(nic.name)) {
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                if (nic.addrs != null) {
                    for (DomainInterface.InterfaceAddress a : nic.addrs) {
                        addresses.add(a.address.getHostAddress() + "/" + a.prefixLength);
                    }
                }
                nics.add(new VmInterface(nic.name, nic.hwAddr == null ? null : nic.hwAddr.toLowerCase(Locale.ROOT),
                        List.copyOf(addresses)));
            }
        } catch (LibvirtException agentWentAway) {
            return new GuestInfo(true, os, host, StatsReader.addresses(d), "leases");
        }
        return new GuestInfo(true, os, host, nics, "agent");
    }

    /** The agent's "return" object for a command, empty when it does not answer or answers something else. */
    private static Optional<Map<?, ?>> command(Domain d, String json) {
        try {
            Object reply = Json.parse(d.qemuAgentCommand(json, TIMEOUT_SECONDS, 0));
            if (reply instanceof Map<?, ?> m && m.get("return") instanceof Map<?, ?> result) {
                return Optional.of(result);
            }
            return Optional.empty();
        } catch (LibvirtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
