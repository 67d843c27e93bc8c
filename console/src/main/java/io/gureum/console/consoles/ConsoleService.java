package io.gureum.console.consoles;

import io.gureum.console.consoles.ConsoleEvents.ConsoleClosed;
import io.gureum.console.consoles.ConsoleEvents.ConsoleOpened;
import io.gureum.console.consoles.ConsoleEvents.ConsoleRefused;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Service;

/**
 * Browser consoles' facade. A view asks {@link #issue} for a token (the resource's feature checks the caller's
 * role); the WebSocket handshake redeems it once ({@link #redeem}: same user, same HTTP session, same origin,
 * within 30 s, role still held) and {@link #connect}s. While a console is open it is checked every second and
 * closed when the user no longer may use it (role lost, user disabled, resource gone or stopped), when its HTTP
 * session ends (sign-out), or after the idle timeout. Opening and closing are audited; keystrokes are not.
 */
@Service
public class ConsoleService {

    private static final Logger log = LoggerFactory.getLogger(ConsoleService.class);
    /** How long a token may wait for its WebSocket. */
    static final Duration TOKEN_VALIDITY = Duration.ofSeconds(30);
    private static final int TOKEN_BYTES = 32;

    private final Map<ConsoleKind, ConsoleTarget> targets;
    private final ConsoleTokens tokens;
    private final IdentityService identity;
    private final ConsoleSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final Set<OpenConsole> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("console-watch").daemon().factory());

    ConsoleService(List<ConsoleTarget> targets, ConsoleTokens tokens, IdentityService identity,
                   ConsoleSettings settings, Clock clock, ApplicationEventPublisher events) {
        this.targets = targets.stream().collect(Collectors.toUnmodifiableMap(ConsoleTarget::kind, Function.identity()));
        this.tokens = tokens;
        this.identity = identity;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A single-use token for the caller to open {@code kind} on the resource from this HTTP session within 30 s.
     * The resource's feature checks the caller's role (at least MEMBER); the per-user limit counts open consoles
     * and unused tokens.
     */
    public String issue(ConsoleKind kind, UUID resourceId, String httpSessionId) {
        target(kind).authorize(resourceId);
        UserSummary user = caller();
        Instant now = clock.instant();
        tokens.deleteExpired(now);
        long held = open.stream().filter(c -> c.grant().userId() == user.id()).count() + tokens.pendingOf(user.id(), now);
        if (held >= settings.maxPerUser()) {
            throw new ConsoleRefusedException("You have " + held + " consoles open, the most one user may have ("
                    + settings.maxPerUser() + "): close one first.");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.insert(sha256(token), new ConsoleTokens.Row(user.id(), sha256(httpSessionId), kind, resourceId,
                now.plus(TOKEN_VALIDITY)));
        return token;
    }

    /**
     * Consumes the token (whatever the outcome: a token is tried once) and returns its grant if the handshake
     * comes from the console's own origin, from the user and HTTP session it was issued to, within its validity,
     * and the user still may open the console. Refusals are audited and throw {@link ConsoleRefusedException}.
     */
    ConsoleGrant redeem(String token, UUID resourceId, String httpSessionId, String origin, URI requestUri) {
        if (!SameOrigin.matches(origin, requestUri)) {
            throw refused("handshake from a foreign origin: " + origin);
        }
        if (token == null || token.isBlank() || httpSessionId == null) {
            throw refused("handshake without a token or a session");
        }
        ConsoleTokens.Row row = tokens.take(sha256(token)).orElseThrow(() -> refused("unknown or already used token"));
        if (!clock.instant().isBefore(row.expiresAt())) {
            throw refused("expired token");
        }
        UserSummary user = caller();
        if (row.userId() != user.id()) {
            throw refused("token of another user");
        }
        if (!row.sessionHash().equals(sha256(httpSessionId))) {
            throw refused("token of another session");
        }
        if (!row.resourceId().equals(resourceId)) {
            throw refused("token for another resource");
        }
        ConsoleResource resource = target(row.kind()).authorize(row.resourceId());
        return new ConsoleGrant(row.kind(), resource, user.id(), row.sessionHash());
    }

    /** Opens the backend of a redeemed grant for the browser side {@code client} and keeps watch over it. */
    OpenConsole connect(ConsoleGrant grant, Authentication user, int columns, int rows, OpenConsole.Client client) {
        return connect(grant, user, columns, rows, null, client);
    }

    /** As above, running {@code command} (what the user typed, null for the kind's default) where the kind runs one. */
    OpenConsole connect(ConsoleGrant grant, Authentication user, int columns, int rows, String command,
                        OpenConsole.Client client) {
        return asUser(user, () -> {
            long held = open.stream().filter(c -> c.grant().userId() == grant.userId()).count();
            if (held >= settings.maxPerUser()) {
                throw new ConsoleRefusedException("too many consoles open");
            }
            OpenConsole console = new OpenConsole(grant, user, client, clock.instant());
            open.add(console);
            try {
                console.attach(target(grant.kind()).open(grant.resource().id(), columns, rows, command, new ConsoleStream.Output() {
                    @Override
                    public void output(byte[] bytes) {
                        client.send(bytes);
                    }

                    @Override
                    public void ended() {
                        close(console, switch (grant.kind()) {
                            case CONTAINER_SHELL -> "the shell ended";
                            case CONTAINER_OUTPUT -> "the container's process ended";
                            default -> "the console ended";
                        });
                    }
                }));
            } catch (RuntimeException e) {
                open.remove(console);
                console.markClosed();
                throw e;
            }
            ConsoleResource r = grant.resource();
            events.publishEvent(new ConsoleOpened(grant.kind(), r.id(), r.description(), r.projectId()));
            return console;
        });
    }

    /** Keystrokes from the browser: they reset the idle clock and go to the backend. */
    void input(OpenConsole console, byte[] bytes) {
        console.input(bytes, clock.instant());
    }

    /**
     * Ends the console once: the browser connection at once, the audit entry with its duration and reason, then
     * the backend on a thread of its own (ending a container shell's processes takes a second engine call).
     */
    void close(OpenConsole console, String reason) {
        if (!console.markClosed()) {
            return;
        }
        console.client().close(reason);
        ConsoleResource r = console.grant().resource();
        long seconds = Duration.between(console.openedAt(), clock.instant()).toSeconds();
        try {
            asUser(console.user(), () -> {
                events.publishEvent(new ConsoleClosed(console.grant().kind(), r.id(), r.description(), r.projectId(),
                        seconds, reason));
                return null;
            });
        } finally {
            open.remove(console);
        }
        ConsoleStream stream = console.stream();
        if (stream != null) {
            Thread.ofVirtual().name("console-close").start(() -> {
                try {
                    stream.close();
                } catch (RuntimeException e) {
                    log.info("Closing a {}: {}", console.grant().kind().label(), e.toString());
                }
            });
        }
    }

    /** How many consoles are open on this instance (for tests and metrics). */
    public int openCount() {
        return open.size();
    }

    /**
     * Every second: closes consoles idle for longer than the timeout, and those whose user may no longer use them
     * (the same check as when the token was issued, run as that user). On a thread of its own, because Spring's
     * scheduler runs the console's other periodic jobs one after the other and a slow one would delay this.
     */
    @PostConstruct
    void startWatching() {
        watcher.scheduleWithFixedDelay(() -> {
            try {
                watch();
            } catch (RuntimeException e) {
                log.warn("Console watch failed; trying again in a second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Lets a running check finish (no interrupt: it may be in the database). */
    @PreDestroy
    void stopWatching() {
        watcher.shutdown();
    }

    void watch() {
        watch(clock.instant());
    }

    void watch(Instant now) {
        for (OpenConsole console : open) {
            if (Duration.between(console.lastInput(), now).compareTo(settings.idleTimeout()) >= 0) {
                close(console, "idle for " + settings.idleTimeout().toMinutes() + " min");
                continue;
            }
            String ended = asUser(console.user(), () -> {
                try {
                    target(console.grant().kind()).authorize(console.grant().resource().id());
                    return null;
                } catch (RuntimeException e) {
                    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            });
            if (ended != null) {
                close(console, "no longer allowed: " + ended);
            }
        }
    }

    /** Sign-out (and a disabled user's sessions being ended) closes the consoles opened from that session. */
    @EventListener
    void on(HttpSessionDestroyedEvent ended) {
        String hash = sha256(ended.getId());
        for (OpenConsole console : open) {
            if (console.grant().sessionHash().equals(hash)) {
                close(console, "signed out");
            }
        }
    }

    private ConsoleTarget target(ConsoleKind kind) {
        ConsoleTarget target = targets.get(kind);
        if (target == null) {
            throw new ConsoleRefusedException("This console does not offer a " + kind.label() + ".");
        }
        return target;
    }

    private UserSummary caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            throw new AccessDeniedException("Sign in to open a console.");
        }
        return identity.findByUsername(authentication.getName()).filter(UserSummary::enabled)
                .orElseThrow(() -> new AccessDeniedException("Sign in to open a console."));
    }

    private ConsoleRefusedException refused(String why) {
        events.publishEvent(new ConsoleRefused(why));
        return new ConsoleRefusedException(why);
    }

    /** Runs {@code work} with {@code user} as the caller, on threads that have none (WebSocket, scheduler). */
    private static <T> T asUser(Authentication user, Supplier<T> work) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(user);
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
