package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.Graphics;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.NicSpec;
import io.gureum.hypervisor.SerialConsole;
import io.gureum.hypervisor.VmSpec;
import io.gureum.hypervisor.VolumeRef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Writes libvirt domain XML from a validated {@link VmSpec} and what the driver resolved for it.
 * Only the devices below are ever emitted (the allow-list): virtio disks backed by pool volumes
 * with an explicit format (a cloud-init seed read-only), virtio NICs on libvirt networks, one serial port, the
 * guest agent's virtio channel, VNC on loopback with its video card, a virtio balloon. Never hostdev, filesystem passthrough or qemu:commandline.
 */
final class DomainXmlWriter {

    /** A disk as it goes into the domain: its pool volume, stated format, guest device name and whether read-only. */
    record Disk(VolumeRef volume, DiskFormat format, String targetDev, boolean readOnly) {
        Disk(VolumeRef volume, DiskFormat format, String targetDev) {
            this(volume, format, targetDev, false);
        }
    }

    /** The virtio-serial port name the QEMU guest agent listens on inside the guest. */
    static final String GUEST_AGENT_CHANNEL = "org.qemu.guest_agent.0";

    /** Kernel and initrd host paths, resolved by the driver from volumes or the trusted catalog. */
    record Kernel(String kernelPath, String initrdPath, String cmdline) {
    }

    private DomainXmlWriter() {
    }

    static String write(VmSpec spec, UUID uuid, List<Disk> disks, Kernel kernel, Path serialLog, List<VolumeRef> createdVolumes) {
        Document doc = SafeXml.newDocument();
        Element domain = doc.createElement("domain");
        doc.appendChild(domain);
        domain.setAttribute("type", spec.domainType().id());
        SafeXml.add(domain, "name", spec.name());
        SafeXml.add(domain, "uuid", uuid.toString());
        metadata(domain, spec.metadata(), createdVolumes);
        SafeXml.add(domain, "memory", Long.toString(spec.memoryMib())).setAttribute("unit", "MiB");
        SafeXml.add(domain, "currentMemory", Long.toString(spec.memoryMib())).setAttribute("unit", "MiB");
        SafeXml.add(domain, "vcpu", Integer.toString(spec.vcpus())).setAttribute("placement", "static");

        Element os = SafeXml.add(domain, "os");
        Element type = SafeXml.add(os, "type", "hvm");
        type.setAttribute("arch", "x86_64");
        if (kernel != null) {
            SafeXml.add(os, "kernel", kernel.kernelPath());
            if (kernel.initrdPath() != null) {
                SafeXml.add(os, "initrd", kernel.initrdPath());
            }
            SafeXml.add(os, "cmdline", kernel.cmdline());
        } else {
            SafeXml.add(os, "boot").setAttribute("dev", "hd");
        }
        Element features = SafeXml.add(domain, "features");
        SafeXml.add(features, "acpi");
        SafeXml.add(features, "apic");
        SafeXml.add(domain, "on_poweroff", "destroy");
        SafeXml.add(domain, "on_reboot", "restart");
        SafeXml.add(domain, "on_crash", "destroy");

        Element devices = SafeXml.add(domain, "devices");
        for (Disk disk : disks) {
            Element d = SafeXml.add(devices, "disk");
            d.setAttribute("type", "volume");
            d.setAttribute("device", "disk");
            Element driver = SafeXml.add(d, "driver");
            driver.setAttribute("name", "qemu");
            driver.setAttribute("type", disk.format().id());
            Element source = SafeXml.add(d, "source");
            source.setAttribute("pool", disk.volume().pool());
            source.setAttribute("volume", disk.volume().volume());
            Element target = SafeXml.add(d, "target");
            target.setAttribute("dev", disk.targetDev());
            target.setAttribute("bus", "virtio");
            if (disk.readOnly()) {
                SafeXml.add(d, "readonly");
            }
        }
        for (NicSpec nic : spec.nics()) {
            Element i = SafeXml.add(devices, "interface");
            i.setAttribute("type", "network");
            if (nic.mac() != null) {
                SafeXml.add(i, "mac").setAttribute("address", nic.mac());
            }
            SafeXml.add(i, "source").setAttribute("network", nic.network());
            SafeXml.add(i, "model").setAttribute("type", "virtio");
        }
        serial(devices, spec.serial(), serialLog);
        // Every domain gets the guest agent's channel: an image with qemu-guest-agent answers on it, others ignore it.
        Element agent = SafeXml.add(devices, "channel");
        agent.setAttribute("type", "unix");
        Element agentTarget = SafeXml.add(agent, "target");
        agentTarget.setAttribute("type", "virtio");
        agentTarget.setAttribute("name", GUEST_AGENT_CHANNEL);
        if (spec.graphics() == Graphics.VNC_LOCALHOST) {
            Element g = SafeXml.add(devices, "graphics");
            g.setAttribute("type", "vnc");
            g.setAttribute("port", "-1");
            g.setAttribute("autoport", "yes");
            g.setAttribute("listen", "127.0.0.1");
            Element listen = SafeXml.add(g, "listen");
            listen.setAttribute("type", "address");
            listen.setAttribute("address", "127.0.0.1");
            SafeXml.add(SafeXml.add(devices, "video"), "model").setAttribute("type", "vga");
        }
        SafeXml.add(devices, "memballoon").setAttribute("model", "virtio");
        return SafeXml.toString(doc);
    }

    private static void serial(Element devices, SerialConsole serial, Path log) {
        switch (serial) {
            case NONE -> { }
            case PTY -> {
                Element s = SafeXml.add(devices, "serial");
                s.setAttribute("type", "pty");
                SafeXml.add(s, "target").setAttribute("port", "0");
            }
            case LOG_FILE -> {
                Element s = SafeXml.add(devices, "serial");
                s.setAttribute("type", "file");
                Element source = SafeXml.add(s, "source");
                source.setAttribute("path", log.toString());
                source.setAttribute("append", "on");
                SafeXml.add(s, "target").setAttribute("port", "0");
            }
            case PTY_AND_LOG_FILE -> {
                Element s = SafeXml.add(devices, "serial");
                s.setAttribute("type", "pty");
                Element logElement = SafeXml.add(s, "log");
                logElement.setAttribute("file", log.toString());
                logElement.setAttribute("append", "on");
                SafeXml.add(s, "target").setAttribute("port", "0");
            }
        }
    }

    private static void metadata(Element domain, GureumMetadata metadata, List<VolumeRef> createdVolumes) {
        Element meta = SafeXml.add(domain, "metadata");
        Document doc = domain.getOwnerDocument();
        String ns = GureumMetadata.NAMESPACE;
        Element vm = doc.createElementNS(ns, "gureum:vm");
        meta.appendChild(vm);
        if (metadata != null) {
            vm.appendChild(text(doc, "gureum:resource-id", metadata.resourceId()));
            vm.appendChild(text(doc, "gureum:project-id", metadata.projectId()));
        }
        // The driver's own record of what it made, so undefine removes exactly those volumes.
        Element volumes = doc.createElementNS(ns, "gureum:created-volumes");
        vm.appendChild(volumes);
        for (VolumeRef ref : createdVolumes) {
            Element v = doc.createElementNS(ns, "gureum:volume");
            v.setAttribute("pool", ref.pool());
            v.setAttribute("name", ref.volume());
            volumes.appendChild(v);
        }
    }

    private static Element text(Document doc, String qualifiedName, String value) {
        Element e = doc.createElementNS(GureumMetadata.NAMESPACE, qualifiedName);
        e.setTextContent(value);
        return e;
    }
}
