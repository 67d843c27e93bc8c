package io.gureum.console.container;

import io.gureum.console.consoles.ConsoleKind;
import io.gureum.console.consoles.ConsoleResource;
import io.gureum.console.consoles.ConsoleStream;
import io.gureum.console.consoles.ConsoleTarget;
import io.gureum.container.Subscription;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * "Attach to output" as a browser console, for containers without a shell: what the main process writes, shown
 * in the terminal; keystrokes go nowhere. Checks and opens through {@link ContainerService}.
 */
@Component
class ContainerOutput implements ConsoleTarget {

    private final ContainerService containers;

    ContainerOutput(ContainerService containers) {
        this.containers = containers;
    }

    @Override
    public ConsoleKind kind() {
        return ConsoleKind.CONTAINER_OUTPUT;
    }

    @Override
    public ConsoleResource authorize(UUID resourceId) {
        ContainerSummary c = containers.outputTarget(resourceId);
        return new ConsoleResource(c.id(), "container " + c.name(), c.projectId());
    }

    @Override
    public ConsoleStream open(UUID resourceId, int columns, int rows, ConsoleStream.Output output) {
        Subscription attached = containers.attachOutput(resourceId,
                ContainerShell.listener(output, ContainerOutput::terminalLines));
        return ConsoleStream.of(input -> {
            // read-only: the main process's stdin is not attached
        }, (newColumns, newRows) -> {
            // the process has no terminal to resize
        }, attached::close);
    }

    /** A process without a terminal ends lines with \n only; the browser's terminal needs \r\n to start a line. */
    static byte[] terminalLines(byte[] bytes) {
        int lf = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lf++;
            }
        }
        if (lf == 0) {
            return bytes;
        }
        byte[] out = new byte[bytes.length + lf];
        int j = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                out[j++] = '\r';
            }
            out[j++] = bytes[i];
        }
        return java.util.Arrays.copyOf(out, j);
    }
}
