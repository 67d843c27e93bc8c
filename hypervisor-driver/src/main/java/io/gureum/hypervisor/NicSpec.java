package io.gureum.hypervisor;

import java.util.Locale;
import java.util.regex.Pattern;

/** A virtio NIC on a libvirt network; the MAC is optional (libvirt picks one if null). */
public record NicSpec(String network, String mac) {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public NicSpec {
        Names.requireName("network name", network);
        if (mac != null) {
            mac = mac.toLowerCase(Locale.ROOT);
            Names.require(MAC.matcher(mac).matches(), "MAC address must look like 52:54:00:12:34:56: " + Names.quote(mac));
            Names.require((Integer.parseInt(mac.substring(0, 2), 16) & 1) == 0, "MAC address must be unicast: " + mac);
        }
    }

    public static NicSpec on(String network) {
        return new NicSpec(network, null);
    }
}
