package io.gureum.console.task;

/**
 * What a task is about. The actor is whoever is authenticated when the task is submitted.
 *
 * @param action     dotted verb, e.g. {@code vm.create}, {@code vm.start}, {@code container.delete}
 * @param targetType e.g. {@code vm} or {@code container}
 * @param targetId   the resource's id as text
 * @param targetName the resource's name as users know it
 * @param projectId  the project the target belongs to (for authorization and filtering), or null
 */
public record TaskRequest(String action, String targetType, String targetId, String targetName, Long projectId) {
}
