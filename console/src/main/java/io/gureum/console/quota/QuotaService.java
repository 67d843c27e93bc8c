package io.gureum.console.quota;

import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectEvents.ProjectCreated;
import io.gureum.console.project.ProjectNotFoundException;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The quota feature's facade: limits per project, and the atomic check a new resource must pass. */
@Service
public class QuotaService {

    private final ProjectQuotaRepository quotas;
    private final ProjectAccess access;
    private final ProjectService projects;
    private final QuotaDefaults defaults;
    private final List<UsageSource> usageSources;
    private final ApplicationEventPublisher events;

    QuotaService(ProjectQuotaRepository quotas, ProjectAccess access, ProjectService projects,
                 QuotaDefaults defaults, List<UsageSource> usageSources, ApplicationEventPublisher events) {
        this.quotas = quotas;
        this.access = access;
        this.projects = projects;
        this.defaults = defaults;
        this.usageSources = usageSources;
        this.events = events;
    }

    /** A new project starts with the configured default limits, in the transaction that created it. */
    @EventListener
    void on(ProjectCreated created) {
        quotas.save(new ProjectQuota(created.projectId(), defaults.amounts()));
    }

    /** The limits of a project, for its viewers. */
    @Transactional(readOnly = true)
    public ResourceAmounts limits(long projectId) {
        access.requireRole(projectId, ProjectRole.VIEWER);
        return quota(projectId).limits();
    }

    /**
     * What the project's resources use of its quota, summed over every {@link UsageSource} (VMs, containers),
     * counting resources still provisioning. For the project's viewers.
     */
    @Transactional(readOnly = true)
    public ResourceAmounts usage(long projectId) {
        access.requireRole(projectId, ProjectRole.VIEWER);
        quota(projectId);
        return counted(projectId);
    }

    /**
     * What the project may still use: limits minus usage, never below zero (a project over a lowered limit has
     * nothing left of it). For the project's viewers, e.g. "this VM uses 4 of your remaining 6 vCPUs".
     */
    @Transactional(readOnly = true)
    public ResourceAmounts remaining(long projectId) {
        access.requireRole(projectId, ProjectRole.VIEWER);
        return quota(projectId).limits().remainingAfter(counted(projectId));
    }

    /** Every project the caller can see with its limits and usage (all projects for administrators). */
    @Transactional(readOnly = true)
    public List<QuotaOverview> overview() {
        List<io.gureum.console.project.ProjectSummary> visible = projects.visibleProjects();
        List<Long> ids = visible.stream().map(io.gureum.console.project.ProjectSummary::id).toList();
        // Two reads per usage source and one for the limits, whatever the number of projects (no query per project).
        java.util.Map<Long, ResourceAmounts> used = new java.util.HashMap<>();
        for (UsageSource source : usageSources) {
            source.usage(ids).forEach((id, amounts) -> used.merge(id, amounts, ResourceAmounts::plus));
        }
        java.util.Map<Long, ProjectQuota> limits = quotas.findAllById(ids).stream()
                .collect(java.util.stream.Collectors.toMap(ProjectQuota::projectId, q -> q));
        return visible.stream()
                .map(project -> new QuotaOverview(project,
                        java.util.Optional.ofNullable(limits.get(project.id())).orElseGet(() -> quota(project.id()))
                                .limits(),
                        used.getOrDefault(project.id(), ResourceAmounts.NONE)))
                .toList();
    }

    /** Administrators set a project's limits. Lowering a limit below current usage is allowed: it stops growth. */
    @Transactional
    public ResourceAmounts setLimits(long projectId, ResourceAmounts limits) {
        access.requireAdmin();
        ProjectQuota quota = quotas.lockByProjectId(projectId).orElseThrow(() -> new ProjectNotFoundException(projectId));
        ResourceAmounts before = quota.limits();
        if (!before.equals(limits)) {
            quota.set(limits);
            events.publishEvent(new QuotaChanged(projectId, projects.get(projectId).name(), before, limits));
        }
        return limits;
    }

    /**
     * The atomic check: locks the project's quota row, adds the demand to the usage counted by the
     * {@link UsageSource}s, and throws {@link QuotaExceededException} when a limit would be passed. Callers run
     * this in the transaction that inserts the new resource row, so the next check counts it.
     */
    @Transactional
    public void reserve(long projectId, ResourceAmounts demand) {
        access.requireRole(projectId, ProjectRole.MEMBER);
        ProjectQuota quota = quotas.lockByProjectId(projectId).orElseThrow(() -> new ProjectNotFoundException(projectId));
        ResourceAmounts used = counted(projectId);
        List<String> exceeded = used.plus(demand).exceeding(quota.limits());
        if (!exceeded.isEmpty()) {
            throw new QuotaExceededException(exceeded, used, demand, quota.limits());
        }
    }

    private ResourceAmounts counted(long projectId) {
        return usageSources.stream().map(source -> source.usage(projectId))
                .reduce(ResourceAmounts.NONE, ResourceAmounts::plus);
    }

    private ProjectQuota quota(long projectId) {
        return quotas.findById(projectId).orElseThrow(() -> new ProjectNotFoundException(projectId));
    }
}
