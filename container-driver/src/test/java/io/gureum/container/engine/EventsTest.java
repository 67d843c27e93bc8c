package io.gureum.container.engine;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import io.gureum.container.ContainerEvent;
import io.gureum.container.HealthStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventsTest {
    static Event event(String action, Map<String, String> attrs) {
        return new Event(action, "abc", "img", 1_700_000_000L).withAction(action)
                .withEventActor(new EventActor().withId("abc").withAttributes(attrs));
    }

    @Test
    void die_carries_the_exit_code() {
        ContainerEvent e = Events.of(event("die", Map.of("name", "web", "exitCode", "3")));
        assertThat(e.type()).isEqualTo(ContainerEvent.Type.DIE);
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e.containerName()).isEqualTo("web");
    }

    @Test
    void docker_health_status_is_typed() {
        ContainerEvent e = Events.of(event("health_status: unhealthy", Map.of()));
        assertThat(e.type()).isEqualTo(ContainerEvent.Type.HEALTH);
        assertThat(e.health()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void podman_only_actions_are_kept_as_other() {
        assertThat(Events.of(event("cleanup", Map.of())).type()).isEqualTo(ContainerEvent.Type.OTHER);
        assertThat(Events.of(event("remove", Map.of("io.gureum.managed", "true"))).ownership().managed()).isTrue();
    }
}
