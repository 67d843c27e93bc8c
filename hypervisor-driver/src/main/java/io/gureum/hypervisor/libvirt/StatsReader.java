package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInterface;
import io.gureum.hypervisor.VmStats;
import org.libvirt.Domain;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterface;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Per-VM counters and guest addresses. */
final class StatsReader {

    private static final int MEMORY_STAT_RSS = 7;
    private static final int MEMORY_STAT_NR = 16;
    private static final int ADDRESSES_FROM_LEASES = 0;

    private StatsReader() {
    }

    static VmStats stats(Domain d) throws LibvirtException {
        if (!Domains.isActive(d)) {
            throw new HypervisorException.WrongState("VM " + d.getName() + " is not running; it has no live counters");
        }
        DomainInfo info = d.getInfo();
        long rss = 0;
        for (MemoryStatistic stat : d.memoryStats(MEMORY_STAT_NR)) {
            if (stat.getTag() == MEMORY_STAT_RSS) {
                rss = stat.getValue();
            }
        }
        DomainXml xml = DomainXml.parse(d.getXMLDesc(0));
        List<VmStats.Disk> disks = new ArrayList<>();
        for (String dev : xml.diskTargets()) {
            DomainBlockStats b = d.blockStats(dev);
            disks.add(new VmStats.Disk(dev, b.rd_req, b.rd_bytes, b.wr_req, b.wr_bytes));
        }
        List<VmStats.Nic> nics = new ArrayList<>();
        for (String dev : xml.interfaceTargets()) {
            DomainInterfaceStats n = d.interfaceStats(dev);
            nics.add(new VmStats.Nic(dev, n.rx_bytes, n.rx_packets, n.tx_bytes, n.tx_packets));
        }
        return new VmStats(UUID.fromString(d.getUUIDString()), Instant.now(), Duration.ofNanos(info.cpuTime),
                info.memory / 1024, rss, List.copyOf(disks), List.copyOf(nics));
    }

    static List<VmInterface> addresses(Domain d) throws LibvirtException {
        if (!Domains.isActive(d)) {
            return List.of();
        }
        List<VmInterface> result = new ArrayList<>();
        for (DomainInterface nic : d.interfaceAddresses(ADDRESSES_FROM_LEASES, 0)) {
            List<String> addresses = new ArrayList<>();
            if (nic.addrs != null) {
                for (DomainInterface.InterfaceAddress a : nic.addrs) {
                    addresses.add(a.address.getHostAddress() + "/" + a.prefixLength);
                }
            }
            result.add(new VmInterface(nic.name, nic.hwAddr == null ? null : nic.hwAddr.toLowerCase(Locale.ROOT), List.copyOf(addresses)));
        }
        return result;
    }
}
