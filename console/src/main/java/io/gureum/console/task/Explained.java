package io.gureum.console.task;

/**
 * An exception that knows what the user can do about it. A task failing with one ends with the
 * exception's message followed by " What to do: " and this advice.
 */
public interface Explained {

    String whatToDo();
}
