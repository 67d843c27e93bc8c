package io.gureum.console.identity;

/** What an API token may do with its user's rights: only read, or everything the user may do. */
public enum TokenScope {
    /** Reads only: at most a viewer in every project, and no changes even for an administrator. */
    READ_ONLY,
    /** Everything its user may do (within the token's projects, if it is limited to some). */
    READ_WRITE
}
