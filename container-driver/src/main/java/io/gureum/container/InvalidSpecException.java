package io.gureum.container;

import java.util.List;

/** A container spec was refused before any engine call; lists every problem found. */
public class InvalidSpecException extends EngineException {
    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super("invalid container spec: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidSpecException(String problem) {
        this(List.of(problem));
    }

    /** Each refused item in words, e.g. "privileged mode is not allowed". */
    public List<String> problems() {
        return problems;
    }
}
