package io.gureum.console.container;

import io.gureum.console.consoles.ConsoleKind;
import io.gureum.console.consoles.ConsoleResource;
import io.gureum.console.consoles.ConsoleStream;
import io.gureum.console.consoles.ConsoleTarget;
import io.gureum.container.ShellSession;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/** The container shell as a browser console: checks and opens through {@link ContainerService}. */
@Component
class ContainerShell implements ConsoleTarget {

    private final ContainerService containers;

    ContainerShell(ContainerService containers) {
        this.containers = containers;
    }

    @Override
    public ConsoleKind kind() {
        return ConsoleKind.CONTAINER_SHELL;
    }

    @Override
    public ConsoleResource authorize(UUID resourceId) {
        ContainerSummary c = containers.shellTarget(resourceId);
        return new ConsoleResource(c.id(), "container " + c.name(), c.projectId());
    }

    @Override
    public ConsoleStream open(UUID resourceId, int columns, int rows, ConsoleStream.Output output) {
        return open(resourceId, columns, rows, null, output);
    }

    /** Runs the command the user typed (split into arguments by {@link ContainerService#shellCommand}), or /bin/sh. */
    @Override
    public ConsoleStream open(UUID resourceId, int columns, int rows, String command, ConsoleStream.Output output) {
        ShellSession shell = containers.openShell(resourceId, command, columns, rows, listener(output, bytes -> bytes));
        return ConsoleStream.of(shell::write, shell::resize, shell::close);
    }

    /** The engine's output, changed by {@code bytes}, to the console's output. */
    static ShellSession.Listener listener(ConsoleStream.Output output, UnaryOperator<byte[]> bytes) {
        return new ShellSession.Listener() {
            @Override
            public void output(byte[] chunk) {
                output.output(bytes.apply(chunk));
            }

            @Override
            public void ended() {
                output.ended();
            }
        };
    }
}
