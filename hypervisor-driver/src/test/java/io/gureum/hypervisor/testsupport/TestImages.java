package io.gureum.hypervisor.testsupport;

import io.gureum.hypervisor.DomainType;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the tiny guest lives and which domain type this host runs guests with. */
public record TestImages(Path dir) {

    public static TestImages fromEnvironment() {
        String base = System.getenv().getOrDefault("GUREUM_IMAGES_DIR", "/var/lib/gureum/images");
        return new TestImages(Path.of(base, "tiny-linux"));
    }

    public Path kernel() {
        return dir.resolve("vmlinuz");
    }

    public Path initrd() {
        return dir.resolve("initrd.img");
    }

    public Path baseQcow2() {
        return dir.resolve("base.qcow2");
    }

    public boolean present() {
        return Files.isReadable(kernel()) && Files.isReadable(initrd());
    }

    /** {@code GUREUM_DOMAIN_TYPE}, else the host setup's decision in /etc/gureum, else qemu (TCG). */
    public static DomainType domainType() {
        String env = System.getenv("GUREUM_DOMAIN_TYPE");
        if (env != null && !env.isBlank()) {
            return DomainType.fromId(env.strip());
        }
        Path file = Path.of("/etc/gureum/gureum.properties");
        if (Files.isReadable(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
                String value = p.getProperty("gureum.host.domain-type");
                if (value != null && !value.isBlank()) {
                    return DomainType.fromId(value.strip());
                }
            } catch (IOException e) {
                // fall back to the safe default
            }
        }
        return DomainType.QEMU;
    }
}
