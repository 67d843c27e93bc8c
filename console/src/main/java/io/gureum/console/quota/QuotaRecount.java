package io.gureum.console.quota;

import io.gureum.console.system.JobLocks;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.system.Audited;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recounts every project's resources against the hosts on a fixed delay and reports drift: a
 * difference seen in two recounts in a row (so resources still being made or removed do not count)
 * is logged, recorded in the audit log once, and shown to administrators.
 */
@Component
public class QuotaRecount {

    private static final Logger log = LoggerFactory.getLogger(QuotaRecount.class);

    private final List<DriftSource> sources;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;
    private Set<String> previous = Set.of();
    private Set<String> reported = Set.of();
    private volatile List<QuotaDrift> confirmed = List.of();

    QuotaRecount(List<DriftSource> sources, ProjectAccess access, ApplicationEventPublisher events) {
        this.sources = sources;
        this.access = access;
        this.events = events;
    }

    /** Drift confirmed by the latest recounts, for administrators. */
    public List<QuotaDrift> latest() {
        access.requireAdmin();
        return confirmed;
    }

    /**
     * The periodic recount, on one console instance at a time: tried every tick, held at least the interval (a
     * recount per interval across instances; fail-over: system/JobLocks), at most 30 min (a recount asks every host;
     * one that hangs frees the lock after that).
     */
    @Scheduled(initialDelayString = "${gureum.quota.recount-interval:5m}", fixedDelayString = JobLocks.TICK)
    @SchedulerLock(name = "quota-recount", lockAtLeastFor = "${gureum.quota.recount-interval:5m}",
            lockAtMostFor = "30m")
    void scheduledRecount() {
        recount();
    }

    /** Recounts now (the scheduled pass and anyone who asks for one). */
    public synchronized List<QuotaDrift> recount() {
        List<QuotaDrift> now = new ArrayList<>();
        for (DriftSource source : sources) {
            try {
                now.addAll(source.drift());
            } catch (RuntimeException e) {
                log.warn("quota recount of {} failed: {}", source.getClass().getSimpleName(), e.getMessage());
            }
        }
        Set<String> keys = new HashSet<>();
        List<QuotaDrift> stillThere = new ArrayList<>();
        Set<String> stillReported = new HashSet<>();
        for (QuotaDrift drift : now) {
            String key = drift.projectId() + "/" + drift.kind() + "/" + drift.recorded() + "/" + drift.found();
            keys.add(key);
            if (previous.contains(key)) {
                stillThere.add(drift);
                stillReported.add(key);
                if (!reported.contains(key)) {
                    log.warn("Quota drift in project {}: {} recorded {}, found on hosts {} ({}).", drift.projectId(),
                            drift.kind(), drift.recorded(), drift.found(), drift.detail());
                    events.publishEvent(new QuotaDriftReported(drift));
                }
            }
        }
        previous = keys;
        reported = stillReported;
        confirmed = List.copyOf(stillThere);
        return confirmed;
    }

    /** The audit log's record of a drift the recount confirmed. */
    public record QuotaDriftReported(QuotaDrift drift) implements Audited {
        @Override
        public String action() {
            return "quota.drift";
        }

        @Override
        public Long projectId() {
            return drift.projectId();
        }

        @Override
        public String target() {
            return "project " + drift.projectId();
        }

        @Override
        public String detail() {
            return drift.kind() + ": recorded " + drift.recorded() + ", found on hosts " + drift.found() + " ("
                    + drift.detail() + ")";
        }
    }
}
