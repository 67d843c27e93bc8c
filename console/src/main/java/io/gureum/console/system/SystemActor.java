package io.gureum.console.system;

import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs work that the console does on its own (keeping restart promises) as the user "system", with admin rights. */
public final class SystemActor {

    /** The user name under which the console's own actions are audited. */
    public static final String NAME = "system";

    private SystemActor() {
    }

    public static void run(Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(new UsernamePasswordAuthenticationToken(NAME, null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(system);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
