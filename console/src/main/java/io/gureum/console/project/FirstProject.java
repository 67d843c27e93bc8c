package io.gureum.console.project;

import io.gureum.console.identity.UserEvents.FirstAdministratorCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives the first administrator a project to work in, so that a fresh console goes from the first login to a
 * running VM unaided (a VM or container always belongs to a project). Made exactly once: with the first
 * administrator, in the same transaction, and only when no project exists; an administrator who archives it later
 * does not get it back on the next start. {@code gureum.first-project} names it; empty means none.
 */
@Component
class FirstProject {

    private static final Logger log = LoggerFactory.getLogger(FirstProject.class);

    private final ProjectService projects;
    private final String name;

    FirstProject(ProjectService projects, @Value("${gureum.first-project:default}") String name) {
        this.projects = projects;
        this.name = name;
    }

    @EventListener
    void on(FirstAdministratorCreated created) {
        if (name.isBlank()) {
            log.info("First start: no first project (gureum.first-project is empty).");
            return;
        }
        try {
            projects.createFirstProject(name, created.userId(), created.username()).ifPresent(project ->
                    log.info("First start: created project '{}' with administrator '{}' as owner and the default "
                            + "quota.", project.name(), created.username()));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("gureum.first-project is not acceptable: " + invalid.getMessage(), invalid);
        }
    }
}
