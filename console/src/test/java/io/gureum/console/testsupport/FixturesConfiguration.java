package io.gureum.console.testsupport;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.project.ProjectService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Test-only beans, imported by {@link ConsoleTest} so that every test shares one context. */
@TestConfiguration(proxyBeanMethods = false)
public class FixturesConfiguration {

    @Bean
    Fixtures fixtures(IdentityService identity, ProjectService projects) {
        return new Fixtures(identity, projects);
    }
}
