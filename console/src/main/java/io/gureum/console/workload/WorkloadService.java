package io.gureum.console.workload;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Features that apply to every kind of workload, written once over the kinds' adapters. */
@Service
@Transactional(readOnly = true)
public class WorkloadService {

    private final List<WorkloadAdapter> adapters;
    private final ProjectAccess access;
    private final HostService hosts;

    WorkloadService(List<WorkloadAdapter> adapters, ProjectAccess access, HostService hosts) {
        this.adapters = List.copyOf(adapters);
        this.access = access;
        this.hosts = hosts;
    }

    /**
     * Every workload of the project, whatever its kind, with its state, sorted by name (then kind). Viewers of the
     * project and admins may ask.
     */
    public List<WorkloadSummary> list(long projectId) {
        access.requireRole(projectId, ProjectRole.VIEWER); // admins pass, outsiders learn nothing
        Map<UUID, String> hostNames = hosts.forPlacement().stream()
                .collect(Collectors.toMap(HostSummary::id, HostSummary::name));
        List<WorkloadSummary> all = new ArrayList<>();
        for (WorkloadAdapter adapter : adapters) {
            all.addAll(adapter.inProject(projectId, hostNames::get));
        }
        all.sort(Comparator.comparing(WorkloadSummary::name).thenComparing(WorkloadSummary::kind)
                .thenComparing(WorkloadSummary::id));
        return all;
    }
}
