package io.gureum.console.api;

import io.gureum.console.audit.AuditFilter;
import io.gureum.console.audit.AuditRecord;
import io.gureum.console.audit.AuditService;
import io.gureum.console.audit.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log through {@link AuditService}, with the audit page's filters: administrators see everything, project
 * owners the entries of their projects, everyone else an empty list.
 */
@RestController
@Tag(name = "Audit", description = "Who did what to which resource, when, with what outcome")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @Operation(operationId = "searchAudit", summary = "Search the audit log, newest first",
            description = "Filters combine; absent ones do not filter. Paged by limit and offset; total counts "
                    + "every matching entry you may see.")
    Page<AuditRecord> search(
            @Parameter(description = "exactly this actor (user name, or system)") @RequestParam(required = false)
            String actor,
            @RequestParam(required = false) Long projectId,
            @Parameter(description = "part of the action name, e.g. vm. for every VM action")
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Outcome outcome,
            @Parameter(description = "from this moment on (inclusive), e.g. 2026-11-28T00:00:00Z")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "before this moment (exclusive)") @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "0") int offset) {
        Paging.check(limit, offset);
        AuditFilter filter = new AuditFilter(actor, projectId, action, outcome, from, to);
        return new Page<>(audit.page(filter, offset, limit), offset, limit,
                (int) Math.min(Integer.MAX_VALUE, audit.count(filter)));
    }
}
