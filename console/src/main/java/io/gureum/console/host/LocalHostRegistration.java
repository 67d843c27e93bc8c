package io.gureum.console.host;

import io.gureum.console.system.GureumProperties;
import io.gureum.container.ContainerEngine;
import io.gureum.container.EngineException;
import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start (no host registered yet) registers this server when its libvirtd answers,
 * else a demo host on libvirt's built-in test driver, clearly marked as simulated.
 */
@Component
class LocalHostRegistration {

    private static final Logger log = LoggerFactory.getLogger(LocalHostRegistration.class);
    static final String LOCAL_URI = "qemu:///system";
    static final String DEMO_URI = "test:///default";

    private final HostService hosts;
    private final HypervisorConnections connections;
    private final EngineConnections engines;
    private final GureumProperties.Host setup;
    private final boolean enabled;
    private final Path libvirtSocket;

    LocalHostRegistration(HostService hosts, HypervisorConnections connections, EngineConnections engines,
                          GureumProperties properties,
                          @Value("${gureum.hosts.register-local:true}") boolean enabled,
                          @Value("${gureum.hosts.local-libvirt-socket:/var/run/libvirt/libvirt-sock}") Path socket) {
        this.hosts = hosts;
        this.connections = connections;
        this.engines = engines;
        this.setup = properties.host();
        this.enabled = enabled;
        this.libvirtSocket = socket;
    }

    /**
     * This server's Podman or Docker socket when an engine answers there; else the first socket that exists (an
     * engine slow to answer on a busy server is still this server's engine: the host check follows it from here,
     * and it was once left out for good because its first ping took longer than 1.5 s); else null.
     */
    private String localEngine() {
        String present = null;
        for (String endpoint : ContainerEndpoints.ALLOWED) {
            try (ContainerEngine engine = engines.openOnce(endpoint)) {
                engine.info();
                return endpoint;
            } catch (EngineException nobodyThere) {
                log.debug("no container engine answers at {}: {}", endpoint, nobodyThere.getMessage());
                if (present == null && Files.exists(Path.of(URI.create(endpoint).getPath()))) {
                    present = endpoint;
                }
            }
        }
        if (present != null) {
            log.warn("The container engine socket {} exists but did not answer in time: registered it anyway; the host "
                    + "check shows the engine unreachable until it answers.", present);
            return present;
        }
        log.info("No container engine answers on this server (tried {}): containers stay unavailable until "
                + "one is registered.", ContainerEndpoints.ALLOWED);
        return null;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerOnFirstStart() {
        if (!enabled || hosts.anyRegistered()) {
            return;
        }
        if (Files.exists(libvirtSocket)) {
            try (Hypervisor local = connections.openOnce(LOCAL_URI)) {
                var info = local.hostInfo();
                String type;
                String reason;
                if (setup.decided()) {
                    type = setup.domainType().toUpperCase(Locale.ROOT);
                    reason = "host setup: " + setup.domainTypeReason();
                } else {
                    type = info.domainTypes().contains(DomainType.KVM) ? "KVM" : "QEMU";
                    reason = "no decision recorded by src/host/setup.sh; from the host's capabilities";
                }
                String endpoint = localEngine();
                HostSummary registered = hosts.registerAutomatically("local", LOCAL_URI, endpoint, type, reason);
                log.info("First start: registered this server as host 'local' ({}, domain type {}, containers: {}). {}",
                        LOCAL_URI, registered.domainType(), registered.engineText(), registered.storagePoolText());
                return;
            } catch (HypervisorException e) {
                log.warn("libvirtd socket {} exists but {} does not answer ({}): registering the simulated demo "
                        + "host instead.", libvirtSocket, LOCAL_URI, e.getMessage());
            }
        }
        hosts.registerAutomatically("demo-simulated", DEMO_URI, localEngine(), "QEMU",
                "simulated host (libvirt test driver): no libvirtd on this server");
        log.info("First start: no libvirtd here; registered the simulated demo host ({}).", DEMO_URI);
    }
}
