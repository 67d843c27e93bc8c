package io.gureum.console.api;

import io.gureum.console.identity.TokenAuthentication;
import io.gureum.console.system.Audited;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Audits the reads made through API tokens without flooding the log: writes are audited one by one by the facades'
 * events, reads (GET and HEAD) are counted per token and endpoint and written as one {@code api.read} entry per token
 * and interval ({@code gureum.api.read-audit-interval}, 15 minutes), with the token's user as actor and its name as
 * token. A pipeline polling a task every second makes four entries an hour, not 3,600; the counts and endpoints say
 * what it read. Each console instance counts and writes its own reads; what was counted is written at shutdown too.
 */
@Configuration(proxyBeanMethods = false)
class ApiReadAudit implements WebMvcConfigurer {

    /** The most endpoints one entry names (the busiest first); the detail column holds 1,000 characters. */
    private static final int NAMED_ENDPOINTS = 8;

    private final Map<Long, Tally> tallies = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiReadAudit(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                        Exception ex) {
                if (("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                        && SecurityContextHolder.getContext().getAuthentication() instanceof TokenAuthentication token) {
                    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                    counted(token, request.getMethod() + " " + (pattern == null ? "(no endpoint)" : pattern),
                            response.getStatus() >= 400 || ex != null);
                }
            }
        }).addPathPatterns("/api/v1/**");
    }

    void counted(TokenAuthentication token, String endpoint, boolean refused) {
        tallies.compute(token.tokenId(), (id, tally) -> {
            Tally counting = tally == null ? new Tally(token, clock.instant()) : tally;
            counting.endpoints.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
            if (refused) {
                counting.refused.incrementAndGet();
            }
            return counting;
        });
    }

    /** Writes one entry per token that read since the last time, as that token, and starts counting afresh. */
    @Scheduled(initialDelayString = "${gureum.api.read-audit-interval:15m}",
            fixedDelayString = "${gureum.api.read-audit-interval:15m}")
    @PreDestroy
    void flush() {
        for (Long id : List.copyOf(tallies.keySet())) {
            Tally tally = tallies.remove(id);
            if (tally != null) {
                write(tally);
            }
        }
    }

    private void write(Tally tally) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext asToken = SecurityContextHolder.createEmptyContext();
        // The audit log names the actor and token from the publishing thread's authentication.
        asToken.setAuthentication(tally.token);
        SecurityContextHolder.setContext(asToken);
        try {
            events.publishEvent(new ApiReadsCounted(tally.token.tokenName(), tally.summary(clock.instant())));
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    /** The reads of one token since {@code since}, by endpoint. */
    private static final class Tally {

        final TokenAuthentication token;
        final Instant since;
        final Map<String, AtomicInteger> endpoints = new ConcurrentHashMap<>();
        final AtomicInteger refused = new AtomicInteger();

        Tally(TokenAuthentication token, Instant since) {
            this.token = token;
            this.since = since;
        }

        String summary(Instant until) {
            int total = endpoints.values().stream().mapToInt(AtomicInteger::get).sum();
            List<Map.Entry<String, AtomicInteger>> busiest = new ArrayList<>(endpoints.entrySet());
            busiest.sort(Comparator.comparing((Map.Entry<String, AtomicInteger> e) -> -e.getValue().get())
                    .thenComparing(Map.Entry::getKey));
            String named = busiest.stream().limit(NAMED_ENDPOINTS)
                    .map(e -> e.getKey() + " " + e.getValue().get()).collect(Collectors.joining(", "));
            String more = busiest.size() > NAMED_ENDPOINTS ? ", " + (busiest.size() - NAMED_ENDPOINTS)
                    + " more endpoints" : "";
            String text = total + (total == 1 ? " read" : " reads") + " (" + refused.get() + " refused) from "
                    + since.truncatedTo(ChronoUnit.SECONDS) + " to " + until.truncatedTo(ChronoUnit.SECONDS) + ": "
                    + named + more;
            return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
        }
    }

    /** The reads one token made in an interval, counted by endpoint. */
    record ApiReadsCounted(String tokenName, String detail) implements Audited {
        public String action() { return "api.read"; }
        public Long projectId() { return null; }
        public String target() { return "api token " + tokenName; }
    }
}
