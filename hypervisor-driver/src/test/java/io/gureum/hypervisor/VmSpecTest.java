package io.gureum.hypervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmSpecTest {

    private static VmSpec.Builder valid() {
        return VmSpec.builder("web-1")
                .boot(BootSource.directKernel(BootFile.catalogPath(Path.of("/var/lib/gureum/images/k")), null, "console=ttyS0"));
    }

    @Test
    void a_valid_spec_gets_safe_defaults() {
        VmSpec spec = valid().build();
        assertThat(spec.vcpus()).isEqualTo(1);
        assertThat(spec.graphics()).isEqualTo(Graphics.NONE);
        assertThat(spec.serial()).isEqualTo(SerialConsole.NONE);
        assertThat(spec.disks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", ".hidden", "a b", "a/b", "a<b", "naïve", "x;rm", "0123456789012345678901234567890123456789012345678901234567890123"})
    void vm_names_are_libvirt_legal_and_harmless(String name) {
        assertThatThrownBy(() -> VmSpec.builder(name).disk(DiskSpec.empty("p", 1, DiskFormat.RAW)).build())
                .isInstanceOf(HypervisorException.InvalidSpec.class);
    }

    @Test
    void sizes_are_bounded() {
        assertThatThrownBy(() -> valid().vcpus(0).build()).isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThatThrownBy(() -> valid().vcpus(65).build()).isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThatThrownBy(() -> valid().memoryMib(16).build()).isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThatThrownBy(() -> DiskSpec.empty("p", 0, DiskFormat.QCOW2)).isInstanceOf(HypervisorException.InvalidSpec.class);
    }

    @Test
    void booting_from_disk_needs_a_disk() {
        assertThatThrownBy(() -> VmSpec.builder("a").build())
                .isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("at least one disk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"console=ttyS0 init=/bin/sh; reboot", "a\nb", "x='y'", "<cmd>", "a$(b)", "a`b`"})
    void kernel_command_lines_are_restricted_to_plain_characters(String cmdline) {
        BootFile kernel = BootFile.catalogPath(Path.of("/boot/k"));
        assertThatThrownBy(() -> BootSource.directKernel(kernel, null, cmdline)).isInstanceOf(HypervisorException.InvalidSpec.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/k", "/a/../etc/shadow", "/a/./b", "/a b", "/a'b"})
    void catalog_paths_must_be_absolute_normalised_and_plain(String path) {
        assertThatThrownBy(() -> BootFile.catalogPath(Path.of(path))).isInstanceOf(HypervisorException.InvalidSpec.class);
    }

    @Test
    void a_vm_has_at_most_one_seed_and_never_boots_from_it() {
        VolumeRef base = new VolumeRef("gureum", "debian.qcow2");
        VolumeRef seed = new VolumeRef("gureum", "web-seed.iso");
        assertThat(VmSpec.builder("a").disk(DiskSpec.overlay(base, DiskFormat.QCOW2, 20)).disk(DiskSpec.seed(seed))
                .build().disks()).hasSize(2);
        assertThatThrownBy(() -> VmSpec.builder("a").disk(DiskSpec.seed(seed)).disk(DiskSpec.overlay(base, DiskFormat.QCOW2))
                .build()).isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("cannot be the seed");
        assertThatThrownBy(() -> VmSpec.builder("a").disk(DiskSpec.overlay(base, DiskFormat.QCOW2))
                .disk(DiskSpec.seed(seed)).disk(DiskSpec.seed(seed)).build())
                .isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("one seed");
        assertThatThrownBy(() -> DiskSpec.overlay(base, DiskFormat.QCOW2, -1))
                .isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThat(new DiskSpec.Overlay(base, DiskFormat.QCOW2).sizeGiB()).as("the base's size").isZero();
    }

    @Test
    void macs_are_unicast_and_unique() {
        assertThat(new NicSpec("default", "52:54:00:AA:bb:01").mac()).isEqualTo("52:54:00:aa:bb:01");
        assertThatThrownBy(() -> new NicSpec("default", "01:00:5e:00:00:01")).isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThatThrownBy(() -> new NicSpec("default", "52:54:00:aa:bb")).isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThatThrownBy(() -> valid().nic(new NicSpec("n", "52:54:00:00:00:01")).nic(new NicSpec("n", "52:54:00:00:00:01")).build())
                .isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("duplicate MAC");
    }

    @Test
    void metadata_values_cannot_carry_markup() {
        assertThatThrownBy(() -> new GureumMetadata("x</gureum:vm>", "p")).isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThat(new GureumMetadata("vm:42", "project@7").projectId()).isEqualTo("project@7");
    }

    @Test
    void only_allow_listed_disk_formats_and_domain_types_exist() {
        assertThatThrownBy(() -> DiskFormat.fromId("vmdk")).isInstanceOf(HypervisorException.InvalidSpec.class);
        assertThatThrownBy(() -> DomainType.fromId("xen")).isInstanceOf(HypervisorException.InvalidSpec.class);
    }
}
