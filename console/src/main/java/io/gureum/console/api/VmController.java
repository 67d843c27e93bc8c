package io.gureum.console.api;

import io.gureum.console.vm.VmFilter;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** VMs through {@link VmService}: the facade checks the caller's role on every call. */
@RestController
@RequestMapping("/api/v1/vms")
class VmController {

    private final VmService vms;

    VmController(VmService vms) {
        this.vms = vms;
    }

    /** The VMs the caller may see, filtered, one page at a time (the facade counts and pages in the database). */
    @GetMapping
    Page<VmResource> list(@RequestParam(required = false) Long projectId,
                           @RequestParam(required = false) VmStatus state,
                           @RequestParam(defaultValue = "50") int limit,
                           @RequestParam(defaultValue = "0") int offset) {
        Paging.check(limit, offset);
        VmFilter filter = VmFilter.ANY.withProject(projectId).withState(state);
        List<VmResource> items = vms.page(filter, offset, limit).stream().map(VmResource::of).toList();
        return new Page<>(items, offset, limit, vms.count(filter));
    }

    @GetMapping("/{id}")
    VmResource get(@PathVariable UUID id) {
        return VmResource.of(vms.get(id));
    }

    /** Starting takes a while: 202 with the task, which {@code Location} names. */
    @PostMapping("/{id}/start")
    ResponseEntity<TaskReference> start(@PathVariable UUID id) {
        VmOperation started = vms.start(id);
        return ResponseEntity.accepted().location(TaskController.location(started.taskId()))
                .body(new TaskReference(started.taskId(), TaskController.location(started.taskId())));
    }

    /** Where a long operation can be followed. */
    record TaskReference(UUID taskId, URI task) {
    }
}
