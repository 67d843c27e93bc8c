package io.gureum.console.api;

import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskTimeoutException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks through {@link TaskService}, which shows a task only to those who may see its target. */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "The long operations the other endpoints start (202 + Location): progress and "
        + "outcome")
class TaskController {

    /** The longest a request waits for a task; a client that needs longer asks again. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    private final TaskService tasks;

    TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    static URI location(UUID taskId) {
        return URI.create("/api/v1/tasks/" + taskId); // a UUID: nothing but hex digits and dashes
    }

    /** The tasks the caller may see (as the console's task page), newest first, one page at a time. */
    @GetMapping
    @Operation(summary = "List the tasks you may see, newest first, a page at a time")
    Page<TaskResource> list(@RequestParam(defaultValue = "50") int limit,
                            @RequestParam(defaultValue = "0") int offset) {
        Paging.check(limit, offset);
        return new Page<>(tasks.page(offset, limit).stream().map(TaskResource::of).toList(), offset, limit,
                tasks.count());
    }

    /**
     * The task; with {@code wait} ("30s", "500ms", "1m" or ISO-8601 "PT30S", at most 60 s), once it has finished
     * or the wait is over, whichever comes first ({@code finished} tells which). The wait holds no database
     * connection.
     */
    @GetMapping("/{id}")
    @Operation(summary = "Read a task; with wait, once it has finished or the wait is over",
            description = "wait: 30s, 500ms, 1m or PT30S, at most 60 s; `finished` says which came first. A task "
                    + "is shown to those who may see what it acts on.")
    TaskResource get(@PathVariable UUID id, @RequestParam(required = false) String wait) {
        Duration waiting = wait == null ? Duration.ZERO : parse(wait);
        if (waiting.isZero()) {
            return TaskResource.of(tasks.get(id));
        }
        try {
            return TaskResource.of(tasks.await(id, waiting));
        } catch (TaskTimeoutException stillRunning) {
            return TaskResource.of(tasks.get(id));
        }
    }

    /** The wait asked for, capped at {@link #MAX_WAIT}. */
    static Duration parse(String wait) {
        String text = wait.strip();
        Duration asked = null;
        Matcher simple = SIMPLE_DURATION.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            asked = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                asked = Duration.parse(text);
            } catch (DateTimeParseException e) {
                // not ISO-8601 either: refused below
            }
        }
        if (asked == null || asked.isNegative()) {
            throw new InvalidParameters(List.of(Map.of("field", "wait", "message",
                    "A duration such as 30s, 500ms, 1m or PT30S; at most " + MAX_WAIT.toSeconds() + " s is waited.")));
        }
        return asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
    }
}
