package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VolumeRef;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the driver reads back from a domain's XML (parsed safely). */
record DomainXml(
        Optional<GureumMetadata> metadata,
        List<VolumeRef> createdVolumes,
        List<String> diskTargets,
        List<String> interfaceTargets,
        int vncPort,
        String vncListen,
        Optional<String> serialLogPath) {

    static DomainXml parse(String xml) {
        Element domain = SafeXml.parse(xml).getDocumentElement();
        Optional<GureumMetadata> metadata = Optional.empty();
        List<VolumeRef> created = new ArrayList<>();
        Optional<Element> gureum = SafeXml.child(domain, "metadata").flatMap(m -> gureumElement(m));
        if (gureum.isPresent()) {
            Element vm = gureum.get();
            Optional<String> resource = SafeXml.child(vm, "resource-id").map(Element::getTextContent);
            Optional<String> project = SafeXml.child(vm, "project-id").map(Element::getTextContent);
            if (resource.isPresent() && project.isPresent()) {
                try {
                    metadata = Optional.of(new GureumMetadata(resource.get().strip(), project.get().strip()));
                } catch (HypervisorException.InvalidSpec e) {
                    metadata = Optional.empty(); // hand-edited nonsense: treat as unmanaged
                }
            }
            SafeXml.child(vm, "created-volumes").ifPresent(list -> {
                for (Element v : SafeXml.children(list, "volume")) {
                    try {
                        created.add(new VolumeRef(v.getAttribute("pool"), v.getAttribute("name")));
                    } catch (HypervisorException.InvalidSpec ignored) {
                        // never delete something we cannot name safely
                    }
                }
            });
        }
        List<String> disks = new ArrayList<>();
        List<String> nics = new ArrayList<>();
        int vncPort = -1;
        String vncListen = null;
        Optional<String> serialLog = Optional.empty();
        Optional<Element> devices = SafeXml.child(domain, "devices");
        if (devices.isPresent()) {
            for (Element disk : SafeXml.children(devices.get(), "disk")) {
                SafeXml.child(disk, "target").flatMap(t -> SafeXml.attr(t, "dev")).ifPresent(disks::add);
            }
            for (Element nic : SafeXml.children(devices.get(), "interface")) {
                SafeXml.child(nic, "target").flatMap(t -> SafeXml.attr(t, "dev")).ifPresent(nics::add);
            }
            for (Element g : SafeXml.children(devices.get(), "graphics")) {
                if ("vnc".equals(g.getAttribute("type"))) {
                    try {
                        vncPort = Integer.parseInt(g.getAttribute("port"));
                    } catch (NumberFormatException e) {
                        vncPort = -1;
                    }
                    vncListen = g.hasAttribute("listen") ? g.getAttribute("listen") : "127.0.0.1";
                }
            }
            for (Element serial : SafeXml.children(devices.get(), "serial")) {
                Optional<String> log = SafeXml.child(serial, "log").flatMap(l -> SafeXml.attr(l, "file"));
                if (log.isEmpty() && "file".equals(serial.getAttribute("type"))) {
                    log = SafeXml.child(serial, "source").flatMap(s -> SafeXml.attr(s, "path"));
                }
                if (log.isPresent()) {
                    serialLog = log;
                    break;
                }
            }
        }
        return new DomainXml(metadata, List.copyOf(created), List.copyOf(disks), List.copyOf(nics), vncPort, vncListen, serialLog);
    }

    private static Optional<Element> gureumElement(Element metadata) {
        for (Element e : SafeXml.children(metadata, "vm")) {
            if (GureumMetadata.NAMESPACE.equals(e.getNamespaceURI())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
