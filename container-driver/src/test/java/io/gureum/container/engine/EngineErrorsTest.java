package io.gureum.container.engine;

import io.gureum.container.ConflictException;
import io.gureum.container.EngineEndpoint;
import io.gureum.container.EngineException;
import io.gureum.container.NotFoundException;
import io.gureum.container.UnavailableException;
import io.gureum.container.WrongStateException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class EngineErrorsTest {
    static final EngineEndpoint PODMAN = EngineEndpoint.of("unix:///run/podman/podman.sock");

    @Test
    void podman_500_for_a_duplicate_name_or_busy_port_is_a_conflict() {
        assertThat(EngineErrors.fromStatus("create", 500,
                "error creating container storage: the container name \"web\" is already in use by abc", null))
                .isInstanceOf(ConflictException.class);
        assertThat(EngineErrors.fromStatus("start", 500,
                "cannot listen on the TCP port: listen tcp4 127.0.0.1:8080: bind: address already in use", null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void docker_409_is_conflict_or_wrong_state_by_its_words() {
        assertThat(EngineErrors.fromStatus("create", 409, "Conflict. The container name \"/web\" is already in use", null))
                .isInstanceOf(ConflictException.class);
        assertThat(EngineErrors.fromStatus("pause", 409, "Container abc is not running", null))
                .isInstanceOf(WrongStateException.class);
        assertThat(EngineErrors.fromStatus("remove", 500,
                "cannot remove container abc as it is running - running or paused containers cannot be removed without force: container state improper", null))
                .isInstanceOf(WrongStateException.class);
    }

    @Test
    void missing_things_and_unknown_failures_are_typed() {
        assertThat(EngineErrors.fromStatus("inspect", 404, "no such container", null)).isInstanceOf(NotFoundException.class);
        assertThat(EngineErrors.fromStatus("x", 500, "something odd", null)).isExactlyInstanceOf(EngineException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void a_transport_failure_is_unavailable_and_says_how_to_start_the_engine() {
        EngineException e = EngineErrors.translate("ping", new RuntimeException(new ConnectException("Connection refused")), PODMAN);
        assertThat(e).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no engine at unix:///run/podman/podman.sock")
                .hasMessageContaining("podman system service --time=0");
    }

    @Test
    void a_call_past_its_deadline_says_the_engine_is_stalled_not_that_it_should_be_started() {
        UnavailableException e = EngineErrors.stalled(PODMAN, "create container web", java.time.Duration.ofSeconds(15),
                null);
        assertThat(e).hasMessageContaining("create container web: no answer within 15000 ms")
                .hasMessageContaining("stalled or overloaded").hasMessageNotContaining("start it");
    }

    @Test
    void the_json_message_of_an_engine_answer_is_extracted() {
        var de = new com.github.dockerjava.api.exception.InternalServerErrorException(
                "Status 500: {\"cause\":\"x\",\"message\":\"name \\\"a\\\" is already in use\",\"response\":500}");
        assertThat(EngineErrors.messageOf(de)).isEqualTo("name \"a\" is already in use");
    }
}
