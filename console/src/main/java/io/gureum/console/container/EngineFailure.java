package io.gureum.console.container;

import io.gureum.console.task.Explained;
import io.gureum.console.task.ExplainedFailure;
import io.gureum.container.ConflictException;
import io.gureum.container.EngineException;
import io.gureum.container.InvalidSpecException;
import io.gureum.container.NotFoundException;
import io.gureum.container.UnavailableException;
import io.gureum.container.WrongStateException;

/** A container engine failure as a task reports it: the engine's message plus what to do about it. */
final class EngineFailure {

    private EngineFailure() {
    }

    /** The same failure with advice when it came from the engine; anything else unchanged. */
    static RuntimeException explain(RuntimeException failure) {
        if (failure instanceof Explained || !(failure instanceof EngineException)) {
            return failure;
        }
        String advice = switch (failure) {
            case UnavailableException u -> "The host's container engine does not answer: check the host on the Hosts "
                    + "page and try again when its engine is up.";
            case WrongStateException w -> "The container is not in a state that allows this: wait until its state "
                    + "settles, then choose an action that fits it.";
            case ConflictException c -> "The name or the published port is taken on that host: choose another name, "
                    + "or let the port be chosen automatically.";
            case NotFoundException n -> "Something the container needs is missing on the host (its image, or the "
                    + "container itself): an administrator should check the host's engine.";
            case InvalidSpecException i -> "The engine refused the container's settings: change them; the message "
                    + "above says what was refused.";
            default -> "Try again; if it fails again, an administrator should read the engine's log on the host.";
        };
        return new ExplainedFailure(failure, advice);
    }
}
