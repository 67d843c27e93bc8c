package io.gureum.console.host;

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
     * On one console instance at a time. At least 10 s: shorter than the interval, so the holder's next run finds it
     * free, longer than the offset between instances' schedules, so one refresh per interval in all. At most 2 min:
     * a refresh waiting on hosts that time out; after that another instance may refresh too, which only reads hosts.
     */
    @Scheduled(initialDelayString = "${gureum.hosts.refresh-interval:15s}",
            fixedDelayString = "${gureum.hosts.refresh-interval:15s}")
    @SchedulerLock(name = "host-monitor", lockAtLeastFor = "10s", lockAtMostFor = "2m")
    void refresh() {
        hosts.refreshAll();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }
}
