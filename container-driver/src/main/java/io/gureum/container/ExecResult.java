package io.gureum.container;

/** Outcome of a command run inside a container: exit code and captured output. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
