package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.BootFile;
import io.gureum.hypervisor.BootSource;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.Graphics;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.NicSpec;
import io.gureum.hypervisor.SerialConsole;
import io.gureum.hypervisor.VmSpec;
import io.gureum.hypervisor.VolumeRef;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainXmlWriterTest {

    private static final Set<String> ALLOWED_DEVICES = Set.of("disk", "interface", "serial", "channel", "graphics", "video", "memballoon");

    private final UUID id = UUID.randomUUID();
    private final VolumeRef disk = new VolumeRef("gureum", "web-1-disk0.qcow2");

    private String write(VmSpec spec) {
        return DomainXmlWriter.write(spec, id, List.of(new DomainXmlWriter.Disk(disk, DiskFormat.QCOW2, "vda")),
                new DomainXmlWriter.Kernel("/img/vmlinuz", "/img/initrd.img", "console=ttyS0"),
                Path.of("/var/log/libvirt/qemu/gureum-" + id + "-serial.log"), List.of(disk));
    }

    private static VmSpec spec() {
        return VmSpec.builder("web-1").vcpus(2).memoryMib(512).domainType(DomainType.QEMU)
                .boot(BootSource.directKernel(BootFile.catalogPath(Path.of("/img/vmlinuz")), null, "console=ttyS0"))
                .nic(new NicSpec("default", "52:54:00:00:00:01"))
                .graphics(Graphics.VNC_LOCALHOST)
                .serial(SerialConsole.PTY_AND_LOG_FILE)
                .metadata(new GureumMetadata("vm-42", "project-7"))
                .build();
    }

    @Test
    void only_allow_listed_devices_are_written() {
        Element domain = SafeXml.parse(write(spec())).getDocumentElement();
        Set<String> devices = new HashSet<>();
        NodeList children = SafeXml.child(domain, "devices").orElseThrow().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                devices.add(e.getTagName());
            }
        }
        assertThat(ALLOWED_DEVICES).containsAll(devices);
        assertThat(domain.getAttribute("type")).isEqualTo("qemu");
        String xml = write(spec());
        assertThat(xml).doesNotContain("hostdev", "commandline", "filesystem", "<emulator");
    }

    @Test
    void formats_are_explicit_and_vnc_listens_on_loopback_only() {
        Element domain = SafeXml.parse(write(spec())).getDocumentElement();
        Element devices = SafeXml.child(domain, "devices").orElseThrow();
        Element d = SafeXml.child(devices, "disk").orElseThrow();
        assertThat(SafeXml.child(d, "driver").orElseThrow().getAttribute("type")).isEqualTo("qcow2");
        assertThat(SafeXml.child(d, "source").orElseThrow().getAttribute("volume")).isEqualTo("web-1-disk0.qcow2");
        Element g = SafeXml.child(devices, "graphics").orElseThrow();
        assertThat(g.getAttribute("listen")).isEqualTo("127.0.0.1");
        assertThat(g.getAttribute("autoport")).isEqualTo("yes");
    }

    @Test
    void what_the_writer_writes_the_reader_reads_back() {
        DomainXml read = DomainXml.parse(write(spec()));
        assertThat(read.metadata()).contains(new GureumMetadata("vm-42", "project-7"));
        assertThat(read.createdVolumes()).containsExactly(disk);
        assertThat(read.diskTargets()).containsExactly("vda");
        assertThat(read.serialLogPath()).contains("/var/log/libvirt/qemu/gureum-" + id + "-serial.log");
    }

    @Test
    void a_domain_without_gureum_metadata_is_unmanaged() {
        String xml = "<domain type='kvm'><name>hand</name><metadata><other:x xmlns:other='urn:x'/></metadata></domain>";
        assertThat(DomainXml.parse(xml).metadata()).isEmpty();
        assertThat(DomainXml.parse(xml).createdVolumes()).isEmpty();
    }

    @Test
    void xml_with_a_doctype_or_external_entity_is_rejected() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>";
        assertThatThrownBy(() -> DomainXml.parse(xxe)).isInstanceOf(HypervisorException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void volume_and_pool_xml_state_formats_and_backing() {
        String overlay = StorageXml.overlay("o.qcow2", 1024, "/pool/base.qcow2", DiskFormat.RAW);
        Element v = SafeXml.parse(overlay).getDocumentElement();
        assertThat(SafeXml.path(v, "target", "compat").map(Node::getTextContent)).contains("1.1");
        assertThat(SafeXml.path(v, "backingStore", "format").orElseThrow().getAttribute("type")).isEqualTo("raw");
        assertThat(StorageXml.poolType(StorageXml.directoryPool("gureum", Path.of("/p")))).isEqualTo("dir");
    }

    @Test
    void a_seed_disk_is_read_only_and_every_domain_has_the_guest_agent_channel() {
        VolumeRef seed = new VolumeRef("gureum", "web-1-seed.iso");
        String xml = DomainXmlWriter.write(spec(), id, List.of(new DomainXmlWriter.Disk(disk, DiskFormat.QCOW2, "vda"),
                        new DomainXmlWriter.Disk(seed, DiskFormat.RAW, "vdb", true)), null,
                Path.of("/var/log/gureum-serial.log"), List.of(disk, seed));

        Element devices = SafeXml.child(SafeXml.parse(xml).getDocumentElement(), "devices").orElseThrow();
        List<Element> disks = SafeXml.children(devices, "disk");
        assertThat(SafeXml.child(disks.get(0), "readonly")).isEmpty();
        assertThat(SafeXml.child(disks.get(1), "readonly")).isPresent();
        assertThat(SafeXml.child(disks.get(1), "target").orElseThrow().getAttribute("bus")).isEqualTo("virtio");
        Element channel = SafeXml.child(devices, "channel").orElseThrow();
        assertThat(channel.getAttribute("type")).isEqualTo("unix");
        assertThat(SafeXml.child(channel, "target").orElseThrow().getAttribute("name"))
                .isEqualTo("org.qemu.guest_agent.0");
        assertThat(DomainXml.parse(xml).diskTargets()).containsExactly("vda", "vdb");
    }
}
