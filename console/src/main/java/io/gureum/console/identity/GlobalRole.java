package io.gureum.console.identity;

/** Roles that hold across all projects. Every user has USER; ADMIN manages hosts, images, quotas and users. */
public enum GlobalRole {
    USER,
    ADMIN;

    /** Name used in {@code @RolesAllowed} and Spring Security's {@code hasRole}. */
    public static final String ADMIN_NAME = "ADMIN";
}
