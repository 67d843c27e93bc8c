package io.gureum.console.host;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Asks every host for its facts and allocation on a fixed delay, so the Hosts view stays true. */
@Component
class HostMonitor {

    private final HostService hosts;

    HostMonitor(HostService hosts) {
        this.hosts = hosts;
    }

    @Scheduled(initialDelayString = "${gureum.hosts.refresh-interval:15s}",
            fixedDelayString = "${gureum.hosts.refresh-interval:15s}")
    void refresh() {
        hosts.refreshAll();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }
}
