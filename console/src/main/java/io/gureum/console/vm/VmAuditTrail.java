package io.gureum.console.vm;

import io.gureum.console.audit.AuditRecord;
import java.util.List;

/**
 * A VM's audit entries, newest first.
 *
 * @param hiddenBecause null when the caller may read them, else why they are not shown
 */
public record VmAuditTrail(List<AuditRecord> entries, String hiddenBecause) {

    public boolean visible() {
        return hiddenBecause == null;
    }
}
