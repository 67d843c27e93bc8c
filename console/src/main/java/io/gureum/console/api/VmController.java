package io.gureum.console.api;

import io.gureum.console.vm.RestartPolicy;
import io.gureum.console.vm.VmResourceStats;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.console.vm.VmSummary;
import io.gureum.console.workload.WorkloadKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * VMs through {@link VmService}, which checks the caller's role on every call: the endpoints every workload has
 * ({@link WorkloadEndpoints}; stop is a shutdown of the guest) and the VM's own: force off, reboot, suspend, resume,
 * restart policy, serial log and statistics.
 */
@RestController
@RequestMapping("/api/v1/vms")
@Tag(name = "VMs", description = "Virtual machines: create, act on, read and delete them in your projects")
class VmController extends WorkloadEndpoints<VmResource, NewVmRequest, VmSummary, VmStatus> {

    static final int MAX_SERIAL_LOG_BYTES = 1 << 20;

    private final VmService vms;

    VmController(VmService vms, IdempotencyKeys idempotency) {
        super(WorkloadKind.VM, VmResource.class, VmStatus.class, vms, VmResource::of,
                request -> vms.create(request.toNewVm()), idempotency);
        this.vms = vms;
    }

    /** Pulls the plug: no shutdown of the guest. */
    @PostMapping("/{id}/force-off")
    @Operation(summary = "Force a VM off (no guest shutdown): 202 with the task")
    ResponseEntity<Accepted<VmResource>> forceOff(@PathVariable UUID id) {
        return accepted(vms.forceOff(id));
    }

    @PostMapping("/{id}/reboot")
    @Operation(summary = "Reboot a VM: 202 with the task")
    ResponseEntity<Accepted<VmResource>> reboot(@PathVariable UUID id) {
        return accepted(vms.reboot(id));
    }

    /** Pauses its vCPUs (memory stays allocated). */
    @PostMapping("/{id}/suspend")
    @Operation(summary = "Suspend a VM (pause its vCPUs): 202 with the task")
    ResponseEntity<Accepted<VmResource>> suspend(@PathVariable UUID id) {
        return accepted(vms.suspend(id));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a suspended VM: 202 with the task")
    ResponseEntity<Accepted<VmResource>> resume(@PathVariable UUID id) {
        return accepted(vms.resume(id));
    }

    /** What the console does when the VM stops without a console action: NEVER or ALWAYS (start it again). */
    record RestartPolicyChange(String restartPolicy) {
    }

    /** Sets the restart policy; with {@code If-Match}, only on the version the caller read (else 412). */
    @PutMapping("/{id}/restart-policy")
    @Operation(summary = "Set a VM's restart policy (NEVER or ALWAYS)",
            description = "ALWAYS: the console starts it again when it stops without a console action. With "
                    + "If-Match, only on the version read (else 412), compared in the transaction that writes.")
    ResponseEntity<VmResource> restartPolicy(@PathVariable UUID id, @RequestBody RestartPolicyChange change,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch) {
        RestartPolicy policy = policy(change == null ? null : change.restartPolicy());
        VmResource changed = VmResource.of(vms.setRestartPolicy(id, policy, ETags.expected(ifMatch)));
        return ResponseEntity.ok().eTag(ETags.of(changed)).body(changed);
    }

    /** The end of the VM's serial console log (what the guest printed), as text; at most {@code bytes}. */
    @Operation(summary = "Read the end of a VM's serial console log, as text",
            description = "What the guest printed on its serial port; at most `bytes` (1 to 1 MiB).")
    @GetMapping(path = "/{id}/serial-log", produces = MediaType.TEXT_PLAIN_VALUE)
    String serialLog(@PathVariable UUID id, @RequestParam(defaultValue = "65536") int bytes) {
        InvalidParameters.requireBetween("bytes", bytes, 1, MAX_SERIAL_LOG_BYTES);
        return vms.serialLog(id, bytes);
    }

    /** One sample of its counters; 409 when it is not running or its host does not answer. */
    @GetMapping("/{id}/stats")
    @Operation(summary = "Read one sample of a running VM's counters", description = "409 when it is not running "
            + "or its host does not answer.")
    VmResourceStats stats(@PathVariable UUID id) {
        return vms.stats(id).orElseThrow(() -> new WrongState(
                "No statistics: the VM is not running or its host does not answer."));
    }

    private static RestartPolicy policy(String name) {
        try {
            return RestartPolicy.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameters(List.of(Map.of("field", "restartPolicy", "message",
                    "Expected one of " + List.of(RestartPolicy.values()) + ".")));
        }
    }
}
