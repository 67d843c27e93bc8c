package io.gureum.console.host;

import io.gureum.console.system.JobLocks;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Asks every host for its facts and allocation on a fixed delay, so the Hosts view stays true. */
@Component
class HostMonitor {

    private final HostService hosts;

    HostMonitor(HostService hosts) {
        this.hosts = hosts;
    }

    /**
     * On one console instance at a time, once per refresh interval across instances: tried every tick, held at least
     * the interval (fail-over: system/JobLocks). At most 2 min: a refresh waiting on hosts that time out; after that
     * another instance may refresh too, which only reads hosts.
     */
    @Scheduled(initialDelayString = "${gureum.hosts.refresh-interval:15s}", fixedDelayString = JobLocks.TICK)
    @SchedulerLock(name = "host-monitor", lockAtLeastFor = "${gureum.hosts.refresh-interval:15s}",
            lockAtMostFor = "2m")
    void refresh() {
        hosts.refreshAll();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }
}
