package io.gureum.console.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cross-cutting beans shared by the features. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** Services take time from this clock so that tests can control it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
