package io.gureum.console.audit;

/** How an audited attempt ended. */
public enum Outcome {
    /** It happened. */
    SUCCESS,
    /** It was tried and failed, e.g. a wrong password. */
    FAILURE,
    /** The console refused it: the caller lacked the right. */
    REFUSED
}
