package io.gureum.console.testsupport;

import io.gureum.console.consoles.ConsoleService;
import io.gureum.console.host.HostService;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectService;
import io.gureum.console.task.TaskService;
import io.gureum.console.vm.VmService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Test-only beans, imported by {@link ConsoleTest} so that every test shares one context. */
@TestConfiguration(proxyBeanMethods = false)
public class FixturesConfiguration {

    @Bean
    Fixtures fixtures(IdentityService identity, ProjectService projects) {
        return new Fixtures(identity, projects);
    }

    @Bean
    SharedGuest sharedGuest(ImageCatalog images, HostService hosts, VmService vms, TaskService tasks,
                            ConsoleService consoles, Fixtures fixtures) {
        return new SharedGuest(images, hosts, vms, tasks, consoles, fixtures);
    }
}
