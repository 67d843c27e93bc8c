package io.gureum.console.api;

import io.gureum.console.container.ContainerService;
import io.gureum.console.container.UnmanagedContainer;
import io.gureum.console.vm.UnmanagedVm;
import io.gureum.console.vm.VmService;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resources made by hand on the hosts, and taking them into a project with its quota checked, through
 * {@link VmService} and {@link ContainerService}, which let administrators only.
 */
@RestController
@RequestMapping("/api/v1/unmanaged")
@Tag(name = "Unmanaged resources", description = "VMs and containers made by hand on the hosts, and their adoption "
        + "(administrators only)")
class UnmanagedController {

    private final VmService vms;
    private final ContainerService containers;

    UnmanagedController(VmService vms, ContainerService containers) {
        this.vms = vms;
        this.containers = containers;
    }

    @GetMapping("/vms")
    @Operation(operationId = "listUnmanagedVms", summary = "List the domains on the answering hosts that no VM is")
    List<UnmanagedVm> vms() {
        return vms.unmanaged();
    }

    @PostMapping("/vms/adopt")
    @Operation(operationId = "adoptVm", summary = "Take a domain made by hand into a project",
            description = "The project's quota is checked; the domain keeps running as it is.")
    ResponseEntity<WorkloadResource> adoptVm(@RequestBody VmAdoption request) {
        return adopted(vms.adopt(required("hostId", request.hostId()), required("domainUuid", request.domainUuid()),
                required("projectId", request.projectId())));
    }

    @GetMapping("/containers")
    @Operation(operationId = "listUnmanagedContainers",
            summary = "List the containers on the hosts' engines that the console did not make")
    List<UnmanagedContainer> containers() {
        return containers.unmanaged();
    }

    @PostMapping("/containers/adopt")
    @Operation(operationId = "adoptContainer", summary = "Take a container made by hand into a project",
            description = "The project's quota is checked; the container keeps running as it is.")
    ResponseEntity<WorkloadResource> adoptContainer(@RequestBody ContainerAdoption request) {
        return adopted(containers.adopt(required("hostId", request.hostId()),
                required("engineId", request.engineId()), required("projectId", request.projectId())));
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw InvalidParameters.of(field, "Required.");
        }
        return value;
    }

    private static ResponseEntity<WorkloadResource> adopted(WorkloadSummary workload) {
        String collection = workload.kind() == WorkloadKind.VM ? "vms" : "containers";
        return ResponseEntity.created(URI.create("/api/v1/" + collection + "/" + workload.id()))
                .body(WorkloadResource.of(workload));
    }

    /** A domain to adopt: its host, its libvirt UUID and the project it joins. */
    record VmAdoption(UUID hostId, UUID domainUuid, Long projectId) {
    }

    /** A container to adopt: its host, its engine id and the project it joins. */
    record ContainerAdoption(UUID hostId, String engineId, Long projectId) {
    }
}
