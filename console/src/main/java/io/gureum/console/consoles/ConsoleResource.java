package io.gureum.console.consoles;

import java.util.UUID;

/**
 * The resource a console belongs to, as its kind's facade vouched for it.
 *
 * @param description how the audit log names it, e.g. {@code container web}
 */
public record ConsoleResource(UUID id, String description, long projectId) {
}
