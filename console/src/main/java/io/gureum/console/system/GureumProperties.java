package io.gureum.console.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console settings under {@code gureum.*}: where data lives, what the host setup decided,
 * and the first administrator.
 *
 * @param dataDir directory of the embedded H2 database and other console state
 * @param host    facts recorded by {@code src/host/setup.sh} in /etc/gureum/gureum.properties
 * @param admin   the first administrator account
 */
@ConfigurationProperties("gureum")
public record GureumProperties(Path dataDir, @DefaultValue Host host, @DefaultValue Admin admin) {

    /**
     * @param domainType       libvirt domain type this server runs guests with (kvm or qemu), or empty when unknown
     * @param domainTypeReason why the setup script chose it
     */
    public record Host(@DefaultValue("") String domainType, @DefaultValue("") String domainTypeReason) {
        public boolean decided() {
            return !domainType.isBlank();
        }
    }

    /**
     * @param username        login name of the first administrator
     * @param initialPassword password from GUREUM_ADMIN_PASSWORD; empty means "generate one on first start"
     */
    public record Admin(@DefaultValue("admin") String username, @DefaultValue("") String initialPassword) {
        @Override
        public String toString() {
            return "Admin[username=" + username + ", initialPassword=" + (initialPassword.isEmpty() ? "<generate>" : "<set>") + "]";
        }
    }
}
