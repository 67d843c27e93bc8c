package io.gureum.console.testsupport;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs test code as a given user, so that fixtures go through the same secured facades as the product. */
public final class Actors {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Actors() {
    }

    /** A name no other test in the shared context uses. */
    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 100_000 + "-" + NEXT.incrementAndGet();
    }

    public static <T> T asAdmin(Supplier<T> action) {
        return as("admin", action, "USER", "ADMIN");
    }

    public static void asAdmin(Runnable action) {
        asAdmin(() -> {
            action.run();
            return null;
        });
    }

    public static <T> T asUser(String username, Supplier<T> action) {
        return as(username, action, "USER");
    }

    public static void asUser(String username, Runnable action) {
        asUser(username, () -> {
            action.run();
            return null;
        });
    }

    private static <T> T as(String username, Supplier<T> action, String... roles) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                Arrays.stream(roles).map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList()));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
