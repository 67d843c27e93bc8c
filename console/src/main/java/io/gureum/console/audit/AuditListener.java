package io.gureum.console.audit;

import io.gureum.console.identity.TokenAuthentication;
import io.gureum.console.system.Audited;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Turns application events into audit entries: every {@link Audited} event and every login attempt. */
@Component
class AuditListener {

    static final String SYSTEM = "system";

    private final AuditLog log;

    AuditListener(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(Audited event) {
        if (event.refused()) {
            log.independently(currentActor(), currentToken(), event.projectId(), event.target(), event.action(),
                    Outcome.REFUSED, event.detail());
        } else if (event.failed()) {
            log.independently(currentActor(), currentToken(), event.projectId(), event.target(), event.action(),
                    Outcome.FAILURE, event.detail());
        } else {
            log.withMutation(currentActor(), currentToken(), event.projectId(), event.target(), event.action(),
                    event.detail());
        }
    }

    @EventListener
    void on(AuthenticationSuccessEvent success) {
        Authentication who = success.getAuthentication();
        log.independently(who.getName(), null, null, "user " + who.getName(), "login", Outcome.SUCCESS,
                from(who));
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        Authentication who = failure.getAuthentication();
        String reason = failure.getException().getClass().getSimpleName().replace("Exception", "");
        log.independently(who.getName(), null, null, "user " + who.getName(), "login", Outcome.FAILURE,
                reason + "; " + from(who));
    }

    private static String from(Authentication who) {
        return who.getDetails() instanceof WebAuthenticationDetails web ? "from " + web.getRemoteAddress() : "";
    }

    /** The API token of the current request (also on a task's thread, which runs as its submitter), if any. */
    private static String currentToken() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof TokenAuthentication token
                ? token.tokenName() : null;
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? SYSTEM : authentication.getName();
    }
}
