package io.gureum.console.quota;

import java.util.List;

/** A demand does not fit in what the project's quota leaves; the message names each exceeded limit. */
public class QuotaExceededException extends RuntimeException {

    private final List<String> exceeded;
    private final ResourceAmounts used;
    private final ResourceAmounts demand;
    private final ResourceAmounts limits;

    public QuotaExceededException(List<String> exceeded) {
        this(exceeded, null, null, null);
    }

    /** With the numbers: what the project uses, what was asked for on top and its limits. */
    public QuotaExceededException(List<String> exceeded, ResourceAmounts used, ResourceAmounts demand,
                                  ResourceAmounts limits) {
        super("The project's quota would be exceeded: " + String.join(", ", exceeded) + ".");
        this.exceeded = List.copyOf(exceeded);
        this.used = used;
        this.demand = demand;
        this.limits = limits;
    }

    /** Each exceeded limit, e.g. "VMs 11 > 10". */
    public List<String> exceeded() {
        return exceeded;
    }

    /** What the project used before the demand; null when not known. */
    public ResourceAmounts used() {
        return used;
    }

    /** What was asked for; null when not known. */
    public ResourceAmounts demand() {
        return demand;
    }

    /** The project's limits; null when not known. */
    public ResourceAmounts limits() {
        return limits;
    }
}
