package io.gureum.console.system;

/**
 * An application event the audit log records: a mutation that happened or an attempt that was refused.
 * Features publish such events; the audit feature listens, so nobody calls the audit log directly.
 * The actor is whoever is authenticated on the publishing thread.
 */
public interface Audited {

    /** What was done, in past tense and dotted form, e.g. {@code user.disabled}. */
    String action();

    /** The project the target belongs to, or null for global objects (users, logins). */
    Long projectId();

    /** What was acted on, e.g. {@code user alice} or {@code project 7 (web)}. */
    String target();

    /** Anything worth reading later; never a password. */
    String detail();

    /** True for an attempt the console refused; such an entry survives the rolled-back transaction. */
    default boolean refused() {
        return false;
    }

    /**
     * True for an action that was tried and failed (a task that ended in error); recorded with the outcome
     * "failure", and like a refusal it survives whatever transaction the failure rolls back.
     */
    default boolean failed() {
        return false;
    }
}
