package io.gureum.console.identity;

import io.gureum.console.identity.UserEvents.UserDisabled;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends a disabled user's sessions: Spring Security's {@link SessionRegistry} knows which sessions belong to
 * whom and marks them expired (its filter logs them out on the next request); the HTTP session, and with it
 * the Vaadin session living in it, is invalidated at once.
 */
@Component
class UserSessions implements HttpSessionListener, HttpSessionIdListener {

    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

    private final SessionRegistry registry;
    private final Map<String, HttpSession> open = new ConcurrentHashMap<>();

    UserSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(UserDisabled disabled) {
        int ended = endSessionsOf(disabled.username());
        log.info("User '{}' disabled: {} session(s) ended.", disabled.username(), ended);
    }

    /** @return how many sessions were ended */
    int endSessionsOf(String username) {
        int ended = 0;
        for (Object principal : registry.getAllPrincipals()) {
            String name = principal instanceof UserDetails details ? details.getUsername() : String.valueOf(principal);
            if (!name.equals(username)) {
                continue;
            }
            for (SessionInformation session : registry.getAllSessions(principal, false)) {
                session.expireNow();
                HttpSession http = open.remove(session.getSessionId());
                if (http != null) {
                    try {
                        http.invalidate();
                    } catch (IllegalStateException alreadyInvalid) {
                        // ended meanwhile: fine
                    }
                }
                ended++;
            }
        }
        return ended;
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        open.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        open.remove(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        open.remove(oldSessionId);
        open.put(event.getSession().getId(), event.getSession());
    }
}
