package io.gureum.console.api;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.host.StoragePoolState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hosts through {@link HostService}, which serves administrators only. */
@RestController
@RequestMapping("/api/v1/hosts")
@Tag(name = "Hosts", description = "Hypervisor hosts and their container engines (administrators only)")
class HostController {

    private final HostService hosts;

    HostController(HostService hosts) {
        this.hosts = hosts;
    }

    @GetMapping
    @Operation(operationId = "listHosts", summary = "List the hosts with their status and capacity")
    List<HostResource> list() {
        return hosts.list().stream().map(HostResource::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getHost", summary = "Read a host")
    HostResource get(@PathVariable UUID id) {
        return HostResource.of(hosts.get(id));
    }

    @PostMapping
    @Operation(operationId = "registerHost", summary = "Register a host after a successful connection test",
            description = "The console connects to the libvirt URI (and the container endpoint, if given) first, so "
                    + "that a typo never becomes a host; a refusal names the field.")
    ResponseEntity<HostResource> register(@RequestBody HostRegistration request) {
        HostResource registered = HostResource.of(hosts.register(new NewHost(request.name(), request.uri(),
                request.endpoint(), request.domainType())));
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + registered.id())).body(registered);
    }

    @PostMapping("/{id}/maintenance")
    @Operation(operationId = "startHostMaintenance", summary = "Put a host into maintenance",
            description = "Nothing new is placed on it; what runs there keeps running.")
    HostResource startMaintenance(@PathVariable UUID id) {
        return HostResource.of(hosts.setMaintenance(id, true));
    }

    @DeleteMapping("/{id}/maintenance")
    @Operation(operationId = "endHostMaintenance", summary = "Take a host out of maintenance")
    HostResource endMaintenance(@PathVariable UUID id) {
        return HostResource.of(hosts.setMaintenance(id, false));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "removeHost", summary = "Forget a host",
            description = "Only the console forgets it: its domains and containers keep running untouched.")
    ResponseEntity<Void> remove(@PathVariable UUID id) {
        hosts.remove(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * What registers a host, named as the console's refusals name the fields: {@code uri} is the libvirt URI
     * ({@code qemu:///system}, {@code qemu+ssh://user@host/system}, {@code qemu+tls://host/system},
     * {@code test:///default}), {@code endpoint} the optional container engine, {@code domainType} kvm, qemu or
     * absent (KVM where the host offers it).
     */
    record HostRegistration(String name, String uri, String endpoint, String domainType) {
    }

    /**
     * A host as the console last observed it. Sizes in bytes unless the name says otherwise; {@code allocated*} is
     * what its running domains use, {@code engine} the container engine ("Podman 4.3.1", "none", "unreachable: ...").
     */
    record HostResource(UUID id, String name, String libvirtUri, String containerEndpoint, boolean simulated,
                        boolean maintenance, String domainType, String domainTypeReason, HostStatus status,
                        String statusMessage, Instant unreachableSince, Instant lastSeenAt, int cpus,
                        String cpuModel, long memoryTotalBytes, long memoryFreeBytes, long storageCapacityBytes,
                        long storageAvailableBytes, int allocatedVcpus, long allocatedMemoryMib, int domainsRunning,
                        int domainsTotal, String engine, boolean acceptsVms, boolean acceptsContainers,
                        StoragePoolState storagePool) {

        static HostResource of(HostSummary host) {
            return new HostResource(host.id(), host.name(), host.libvirtUri(), host.containerEndpoint(),
                    host.simulated(), host.maintenance(), host.domainType(), host.domainTypeReason(), host.status(),
                    host.statusMessage(), host.unreachableSince(), host.lastSeenAt(), host.cpus(), host.cpuModel(),
                    host.memoryTotalBytes(), host.memoryFreeBytes(), host.storageCapacityBytes(),
                    host.storageAvailableBytes(), host.allocatedVcpus(), host.allocatedMemoryMib(),
                    host.domainsRunning(), host.domainsTotal(), host.engineText(), host.acceptsPlacements(),
                    host.acceptsContainers(), host.storagePool());
        }
    }
}
