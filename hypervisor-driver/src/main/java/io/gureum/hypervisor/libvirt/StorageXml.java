package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VolumeInfo;
import io.gureum.hypervisor.VolumeRef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.Optional;

/** Pool and volume XML, written with DOM and read with the hardened parser. */
final class StorageXml {

    private StorageXml() {
    }

    static String directoryPool(String name, Path path) {
        Document doc = SafeXml.newDocument();
        Element pool = doc.createElement("pool");
        doc.appendChild(pool);
        pool.setAttribute("type", "dir");
        SafeXml.add(pool, "name", name);
        Element target = SafeXml.add(pool, "target");
        SafeXml.add(target, "path", path.toString());
        return SafeXml.toString(doc);
    }

    static String emptyVolume(String name, long capacityBytes, DiskFormat format) {
        Document doc = SafeXml.newDocument();
        Element volume = volume(doc, name, capacityBytes);
        Element target = SafeXml.add(volume, "target");
        SafeXml.add(target, "format").setAttribute("type", format.id());
        if (format == DiskFormat.QCOW2) {
            SafeXml.add(target, "compat", "1.1");
        }
        return SafeXml.toString(doc);
    }

    static String overlay(String name, long capacityBytes, String basePath, DiskFormat baseFormat) {
        Document doc = SafeXml.newDocument();
        Element volume = volume(doc, name, capacityBytes);
        Element target = SafeXml.add(volume, "target");
        SafeXml.add(target, "format").setAttribute("type", DiskFormat.QCOW2.id());
        SafeXml.add(target, "compat", "1.1");
        Element backing = SafeXml.add(volume, "backingStore");
        SafeXml.add(backing, "path", basePath);
        SafeXml.add(backing, "format").setAttribute("type", baseFormat.id());
        return SafeXml.toString(doc);
    }

    private static Element volume(Document doc, String name, long capacityBytes) {
        Element volume = doc.createElement("volume");
        doc.appendChild(volume);
        SafeXml.add(volume, "name", name);
        SafeXml.add(volume, "capacity", Long.toString(capacityBytes)).setAttribute("unit", "bytes");
        SafeXml.add(volume, "allocation", "0").setAttribute("unit", "bytes");
        return volume;
    }

    /** Reads a volume's format, sizes and backing path from its XML. */
    static VolumeInfo volumeInfo(VolumeRef ref, String xml, long capacity, long allocation) {
        Element volume = SafeXml.parse(xml).getDocumentElement();
        String format = SafeXml.path(volume, "target", "format").flatMap(f -> SafeXml.attr(f, "type")).orElse("raw");
        if ("iso".equals(format)) {
            format = "raw"; // libvirt's probe names an ISO 9660 file (a cloud-init seed) "iso"; QEMU reads it as raw
        }
        Optional<String> backing = SafeXml.path(volume, "backingStore", "path").map(e -> e.getTextContent().strip())
                .filter(s -> !s.isEmpty());
        DiskFormat diskFormat;
        try {
            diskFormat = DiskFormat.fromId(format);
        } catch (HypervisorException.InvalidSpec e) {
            throw new HypervisorException.InvalidSpec("volume " + ref + " has format '" + format + "', which the driver does not use");
        }
        return new VolumeInfo(ref, diskFormat, capacity, allocation, backing);
    }

    static String poolType(String xml) {
        return SafeXml.parse(xml).getDocumentElement().getAttribute("type");
    }

    static Optional<String> poolPath(String xml) {
        return SafeXml.path(SafeXml.parse(xml).getDocumentElement(), "target", "path").map(e -> e.getTextContent().strip());
    }
}
