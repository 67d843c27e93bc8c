package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.VmState;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SmallPartsTest {

    @Test
    void domain_types_come_from_x86_64_hvm_guests_in_the_capabilities() {
        String caps = """
                <capabilities><host/>
                  <guest><os_type>hvm</os_type><arch name='x86_64'><domain type='qemu'/><domain type='kvm'/></arch></guest>
                  <guest><os_type>hvm</os_type><arch name='aarch64'><domain type='qemu'/></arch></guest>
                </capabilities>""";
        assertThat(HostFacts.domainTypes(caps)).containsExactlyInAnyOrder(DomainType.QEMU, DomainType.KVM);
        assertThat(HostFacts.domainTypes("<capabilities><guest><os_type>hvm</os_type><arch name='i686'><domain type='test'/></arch></guest></capabilities>"))
                .isEmpty();
    }

    @Test
    void versions_are_written_as_major_minor_release() {
        assertThat(HostFacts.version(9_000_000)).isEqualTo("9.0.0");
        assertThat(HostFacts.version(7_002_022)).isEqualTo("7.2.22");
    }

    @Test
    void states_and_reasons_map_from_libvirt_numbers() {
        assertThat(NativeDomainState.state(5)).isEqualTo(VmState.SHUT_OFF);
        assertThat(NativeDomainState.reason(5, 2)).isEqualTo("destroyed");
        assertThat(NativeDomainState.reason(1, 1)).isEqualTo("booted");
        assertThat(NativeDomainState.reason(3, 99)).isEqualTo("unknown");
    }

    @Test
    void a_ppm_screenshot_becomes_a_png() throws Exception {
        byte[] header = "P6\n# qemu\n2 1\n255\n".getBytes(StandardCharsets.US_ASCII);
        byte[] ppm = new byte[header.length + 6];
        System.arraycopy(header, 0, ppm, 0, header.length);
        ppm[header.length] = (byte) 255;           // red pixel
        ppm[header.length + 5] = (byte) 255;       // blue pixel
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ConsoleAccess.toPng(ppm)));
        assertThat(img.getWidth()).isEqualTo(2);
        assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(img.getRGB(1, 0) & 0xffffff).isEqualTo(0x0000ff);
    }

    @Test
    void qemu_img_json_is_read() {
        Object parsed = Json.parse("{\"format\": \"qcow2\", \"virtual-size\": 67108864, \"dirty-flag\": false, \"x\": [1, {\"y\": null}], \"s\": \"a\\\"b\\u0041\"}");
        assertThat(parsed).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("format", "qcow2").containsEntry("virtual-size", 67108864L).containsEntry("s", "a\"bA");
    }
}
