package io.gureum.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @TempDir
    Path dir;

    @Test
    void the_certificate_is_made_once_its_fingerprint_announced_once_and_reused_after() throws Exception {
        List<String> announced = new ArrayList<>();

        SelfSignedCertificate first = SelfSignedCertificate.inDirectory(dir.resolve("tls"), announced::add);
        SelfSignedCertificate again = SelfSignedCertificate.inDirectory(dir.resolve("tls"), announced::add);

        assertThat(announced).hasSize(1);
        assertThat(announced.getFirst()).contains(first.fingerprint());
        assertThat(again).isEqualTo(first);
        assertThat(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        X509Certificate pem;
        try (InputStream in = Files.newInputStream(first.certificate())) {
            pem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(SelfSignedCertificate.fingerprint(pem)).isEqualTo(first.fingerprint());
        assertThat(pem.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .contains("localhost", "127.0.0.1");
        assertThat(pem.getPublicKey().getAlgorithm()).isEqualTo("EC");
        // Only the console's user may read the key and its password; nothing is left from the making.
        for (Path secret : List.of(first.keystore(), first.passwordFile())) {
            assertThat(Files.getPosixFilePermissions(secret))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (var files = Files.list(dir.resolve("tls"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("keystore.p12", "keystore.pass", "certificate.pem");
        }
    }
}
