package io.gureum.console.project;

import java.util.NoSuchElementException;

/** No project with that id. */
public class ProjectNotFoundException extends NoSuchElementException {

    public ProjectNotFoundException(long projectId) {
        super("no project with id " + projectId);
    }
}
