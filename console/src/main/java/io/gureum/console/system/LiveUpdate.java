package io.gureum.console.system;

/**
 * An application event that open views follow at once through server push (for example a VM's observed
 * state changing on its host). Published after the change is committed.
 */
public interface LiveUpdate {

    /** The project of the resource that changed, so that views can ignore what they do not show. */
    Long projectId();
}
