package io.gureum.console.quota;

import java.util.List;

/**
 * A kind of resource (VMs, containers) that can recount itself against its hosts. Resources on
 * hosts that do not answer are left out of both sides: they cannot be counted, only not known.
 */
public interface DriftSource {

    List<QuotaDrift> drift();
}
