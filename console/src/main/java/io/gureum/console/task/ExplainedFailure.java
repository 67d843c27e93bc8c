package io.gureum.console.task;

/** A failure with what to do about it: the original's message and cause, plus the advice a task ends with. */
public final class ExplainedFailure extends RuntimeException implements Explained {

    private final String whatToDo;

    public ExplainedFailure(RuntimeException cause, String whatToDo) {
        super(cause.getMessage(), cause);
        this.whatToDo = whatToDo;
    }

    @Override
    public String whatToDo() {
        return whatToDo;
    }
}
