package io.gureum.console.identity;

import io.gureum.console.system.GureumProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure a fresh console has exactly one way in: an administrator whose password comes from
 * GUREUM_ADMIN_PASSWORD or is generated here and printed once. There is never a default password.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
    static final int GENERATED_LENGTH = 20;

    private final IdentityService identity;
    private final PasswordPolicy policy;
    private final GureumProperties.Admin admin;

    FirstAdministrator(IdentityService identity, PasswordPolicy policy, GureumProperties properties) {
        this.identity = identity;
        this.policy = policy;
        this.admin = properties.admin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.hasAnyUser()) {
            if (!admin.initialPassword().isEmpty()) {
                log.info("GUREUM_ADMIN_PASSWORD is set but users already exist: it is ignored (it only seeds the first start).");
            }
            return;
        }
        ensureAdministrator();
    }

    /** @return true when this call created the administrator */
    boolean ensureAdministrator() {
        String configured = admin.initialPassword();
        if (!configured.isEmpty()) {
            try {
                policy.check(admin.username(), configured);
            } catch (WeakPasswordException weak) {
                throw new IllegalStateException("GUREUM_ADMIN_PASSWORD is not acceptable: " + weak.getMessage()
                        + " Set a stronger one, or unset it to have Gureum generate a password on first start.", weak);
            }
            boolean created = identity.createFirstAdministrator(admin.username(), configured);
            if (created) {
                log.info("First start: created administrator '{}' with the password from GUREUM_ADMIN_PASSWORD.",
                        admin.username());
            }
            return created;
        }
        String generated = policy.generate(GENERATED_LENGTH);
        boolean created = identity.createFirstAdministrator(admin.username(), generated);
        if (created) {
            log.warn("""

                    ================================================================
                      First start: created administrator '{}'.
                      Generated password (shown only this once): {}
                      Log in at the console and keep it safe.
                    ================================================================""",
                    admin.username(), generated);
        }
        return created;
    }
}
