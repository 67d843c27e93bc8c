package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.HostInfo;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmState;
import io.gureum.hypervisor.testsupport.Requires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A test-driver host described by a node file (as the console's scale benchmark builds them) answers like a host. */
class NodeFileHostTest {

    @Test
    void a_node_file_host_reports_its_facts_and_its_domains_with_their_metadata_and_run_state(@TempDir Path dir)
            throws Exception {
        Path node = dir.resolve("node.xml");
        Files.writeString(node, """
                <node>
                  <cpu><nodes>1</nodes><sockets>1</sockets><cores>8</cores><threads>1</threads><active>8</active>
                    <mhz>2000</mhz><model>x86_64</model></cpu>
                  <memory>16777216</memory>
                  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                    <name>g-11111111-web</name><uuid>11111111-2222-3333-4444-555555555555</uuid>
                    <metadata><gureum:vm xmlns:gureum='https://gureum.io/xmlns/vm/1'>
                      <gureum:resource-id>r-1</gureum:resource-id><gureum:project-id>7</gureum:project-id>
                    </gureum:vm></metadata>
                    <memory unit='MiB'>128</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os>
                  </domain>
                  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                    <name>hand-made</name><uuid>11111111-2222-3333-4444-555555555556</uuid>
                    <memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>
                    <test:runstate>5</test:runstate>
                  </domain>
                </node>
                """);
        Hypervisor hv;
        try {
            hv = LibvirtHypervisor.open("test://" + node.toAbsolutePath());
        } catch (HypervisorException.Unavailable e) {
            Requires.that(false, "libvirt client library missing: " + e.getMessage());
            return;
        }
        try (hv) {
            HostInfo info = hv.hostInfo();
            assertThat(info.cpus()).isEqualTo(8);
            assertThat(info.memoryTotalBytes()).isEqualTo(16L << 30);
            assertThat(info.memoryFreeBytes()).isPositive(); // no NUMA cells: reported as all free

            List<VmInfo> domains = hv.listAll().stream().sorted(Comparator.comparing(VmInfo::name)).toList();
            assertThat(domains).extracting(VmInfo::name).containsExactly("g-11111111-web", "hand-made");
            assertThat(domains.get(0).state()).isEqualTo(VmState.RUNNING);
            assertThat(domains.get(0).metadata()).contains(new GureumMetadata("r-1", "7"));
            assertThat(domains.get(1).state()).isEqualTo(VmState.SHUT_OFF);
            assertThat(domains.get(1).metadata()).isEmpty();
        }
    }
}
